import { z } from 'zod';
import { limits } from './limits';

export const Email = z.string().trim().toLowerCase().email().max(limits.emailLength);
export const Password = z.string().min(limits.passwordMinLength).max(limits.passwordMaxLength);
export const PersonName = z.string().trim().min(1).max(limits.nameLength);

export const orgRoles = ['member', 'secretary', 'ars_reader'] as const;
export const OrgRole = z.enum(orgRoles);
export type OrgRole = z.infer<typeof OrgRole>;
