import type { JSONContent } from '@tiptap/core';
import { z } from 'zod';
import { ReserveItemsInput } from '../actReserves';
import { ActKind, ActOutcome, actsWithOutcome, ClockTime, GovernanceText, InstanceKind, IsoDate, SeanceStatus, Votes } from '../governance';
import { limits } from '../limits';
import { isRichTextDoc } from '../richTextDoc';
import { Id } from './ids';
import { UploadFileName } from './imports';

/**
 * The bodies and queries the governance routes accept (docs/API.md, "Governance"): the routes
 * parse them, the editor's client types what it sends with `z.input` of the same schemas.
 */

export const CreateInstanceBody = z.object({ organisationId: Id, kind: InstanceKind, name: z.string().trim().min(1).max(limits.titleLength) });
export const InstancesQuery = z.object({ organisationId: Id.optional() });

const Place = z.string().trim().max(limits.titleLength);
export const AgendaItemBody = z.object({ projectId: Id, versionId: Id.nullable().optional(), act: ActKind });
export const CreateSeanceBody = z.object({
  instanceId: Id,
  date: IsoDate,
  startTime: ClockTime.optional(),
  endTime: ClockTime.optional(),
  place: Place.optional(),
  agenda: z.array(AgendaItemBody).max(limits.agendaItems).default([]),
});
export const Justification = z.string().trim().min(10, 'Justifiez en une phrase au moins (10 caractères).').max(4000);

export const RecordActBody = z
  .object({
    projectId: Id,
    versionId: Id,
    kind: ActKind,
    outcome: ActOutcome.optional(),
    votes: Votes.optional(),
    reserves: GovernanceText.optional(),
    reserveItems: ReserveItemsInput.optional(),
    notes: GovernanceText.optional(),
    pvExtract: z.custom<JSONContent>(isRichTextDoc, 'Extrait de PV invalide (texte enrichi attendu).').optional(),
    pvDocumentId: Id.optional(),
    override: z.object({ justification: Justification }).optional(),
  })
  .superRefine((body, ctx) => {
    const withOutcome = actsWithOutcome.includes(body.kind);
    if (body.kind === 'avis' && !body.outcome) {
      ctx.addIssue({ code: 'custom', path: ['outcome'], message: 'Un avis indique son sens : favorable, favorable avec réserves ou défavorable.' });
    }
    if (body.outcome && !withOutcome) ctx.addIssue({ code: 'custom', path: ['outcome'], message: 'Ce type d’acte n’a pas de résultat.' });
    if (body.votes && !withOutcome) ctx.addIssue({ code: 'custom', path: ['votes'], message: 'Ce type d’acte ne donne pas lieu à un vote.' });
    if (body.outcome === 'favorable_reserves' && !body.reserves && !body.reserveItems?.length) {
      ctx.addIssue({ code: 'custom', path: ['reserves'], message: 'Un avis favorable avec réserves énonce ses réserves.' });
    }
  });

export const OverrideBody = z.object({
  versionId: Id,
  seanceId: Id.optional(),
  actKind: ActKind,
  rules: z
    .array(z.string().regex(/^[a-z_]+(:[a-z0-9-]+)?$/, 'règle invalide'))
    .min(1)
    .max(20),
  justification: Justification,
});

export const UpdateSeanceBody = z
  .object({ date: IsoDate, startTime: ClockTime.nullable(), endTime: ClockTime.nullable(), place: Place, status: SeanceStatus })
  .partial()
  .strict();
/** Records that the convocation and its agenda went out (today, or the date given). */
export const ConvocationBody = z.object({ sentOn: IsoDate.optional() });
/** The calendar: séances by organisation, instance and dates (inclusive). */
export const SeancesQuery = z
  .object({ organisationId: Id.optional(), instanceId: Id.optional(), from: IsoDate.optional(), to: IsoDate.optional() })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: '« from » doit précéder « to ».', path: ['to'] });
export const AgendaItemPatch = z.object({ versionId: Id.nullable() });
/** POST /api/seances/:id/documents?name=: the file's name (its bytes are the body). */
export const SeanceDocumentQuery = z.object({ name: UploadFileName });

export const ActsQuery = z.object({ versionId: Id.optional(), withAnnulled: z.enum(['0', '1']).optional() });
export const AnnulBody = z.object({ justification: Justification });
export const ReservesBody = z.object({ items: ReserveItemsInput });
/** PUT /api/projects/:id/governance: the date the text must reach the ARS, or none. */
export const TransmissionDueBody = z.object({ transmissionDue: IsoDate.nullable() });

export const NotificationsQuery = z.object({
  unread: z.enum(['0', '1']).default('0'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
/** The séances a calendar feed holds: an organisation's, an instance's, or the reader's own. */
export const CalendarFeedQuery = z.object({ organisationId: Id.optional(), instanceId: Id.optional() });
export const AuditQuery = z.object({ limit: z.coerce.number().int().min(1).max(1000).default(200) });

export const CreateSubmissionBody = z.object({ versionId: Id });
export const VerifySubmissionBody = z.object({
  sha256: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, 'empreinte SHA-256 attendue (64 caractères hexadécimaux)')
    .optional(),
});
export const ReceiptBody = z.object({ receivedOn: IsoDate.optional() });
