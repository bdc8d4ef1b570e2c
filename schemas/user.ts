import { z } from 'zod';
import { limits } from './limits';

/** How an e-mail is compared and stored: the one normalisation, for accounts and login limits. */
export const normaliseEmail = (email: string): string => email.trim().toLowerCase();
export const Email = z.string().transform(normaliseEmail).pipe(z.string().email().max(limits.emailLength));
export const Password = z.string().min(limits.passwordMinLength).max(limits.passwordMaxLength);
export const PersonName = z.string().trim().min(1).max(limits.nameLength);

/**
 * `template_manager` adapts the organisation's (and, on a GHT, its établissements') templates;
 * `org_admin` invites people and grants roles there (issue 18).
 */
export const orgRoles = ['member', 'secretary', 'ars_reader', 'template_manager', 'org_admin'] as const;
export const OrgRole = z.enum(orgRoles);
export type OrgRole = z.infer<typeof OrgRole>;

/** What the person does (PCME, DG, coordonnateur général des soins, secrétaire…): free text, shown next to the name. */
export const PersonFunction = z.string().trim().max(limits.nameLength);
