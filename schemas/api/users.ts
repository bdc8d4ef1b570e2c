import { z } from 'zod';
import { Email, OrgRole, Password, PersonFunction, PersonName } from '../user';
import { Id } from './ids';

/**
 * People (docs/API.md, "People and organisations"): accounts created, invited, imported from a
 * CSV file, searched, edited; and where the first set-up stands. Parsed by
 * server/http/routes/users.ts, read by the administration screens.
 */

export const CreateUserBody = z.object({ email: Email, name: PersonName, password: Password });
export const InviteBody = z
  .object({ email: Email, name: PersonName, function: PersonFunction.optional(), organisationId: Id.optional(), role: OrgRole.optional() })
  .strict();
export const ProfileBody = z.object({ name: PersonName.optional(), function: PersonFunction.optional() }).strict();
export const PeopleQuery = z.object({ query: z.string().trim().min(2, 'Au moins deux caractères.').max(100), inactive: z.enum(['0', '1']).default('0') });
export const PeopleImportBody = z.object({ csv: z.string().min(1).max(200_000), organisationId: Id.optional(), apply: z.boolean().default(false) }).strict();

/** An account as GET /api/users lists it; `active` and `pending` only for an administrator. */
export interface ListedPerson {
  id: string;
  name: string;
  function: string;
  email: string;
  active?: boolean;
  /** Invited, no password chosen yet (nor a first sign-in through the directory). */
  pending?: boolean;
}

/** 201 of an invitation, sent or sent again. */
export interface InvitationAnswer {
  id: string;
  /** Null in an organisation administrator's answer (it must not differ for an existing account). */
  expiresAt: string | null;
  emailed: boolean;
  /** Only to an administrator, only when the link was not e-mailed: shown once, never stored. */
  link?: string;
}

/** One line of a people import (POST /api/users/import). */
export interface PeopleImportLine {
  line: number;
  email: string;
  name: string;
  function: string;
  role: string | null;
  /** `ok`: will be (preview) or was (apply) invited; `refused`: see `reasons`. */
  status: 'ok' | 'refused';
  reasons: string[];
  invitation?: InvitationAnswer;
}

export interface PeopleImportReport {
  lines: PeopleImportLine[];
  applied: boolean;
}

export type SetupStepId = 'organisations' | 'ars' | 'instances' | 'secretaries' | 'people';

export interface SetupStep {
  id: SetupStepId;
  done: boolean;
  /** What is left, in French (empty when done). */
  todo: string[];
}

/** GET /api/setup: where the first set-up stands (administrators). */
export interface SetupStatus {
  done: boolean;
  steps: SetupStep[];
}
