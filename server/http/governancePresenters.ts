import type { InstanceView, NotificationView, VersionView } from '../../schemas/api/governanceViews';
import type { InstanceRecord } from '../store/instances';
import type { AuditEntry } from '../store/audit';
import type { NotificationRecord } from '../store/notifications';
import type { OrganisationRecord } from '../store/organisations';
import type { Store } from '../store';
import type { VersionSummary } from '../store/versions';

/** JSON shapes of the governance API (never a database row). */

export const presentOrganisation = (o: OrganisationRecord, arsId: string | null = null) => ({
  id: o.id,
  name: o.name,
  kind: o.kind,
  parentId: o.parentId,
  isSupport: o.isSupport,
  type: o.type,
  finess: o.finessJuridique,
  finessGeographique: o.finessGeographique,
  arsId,
  associatedChuId: o.associatedChuId,
  memberSince: o.memberSince,
  memberUntil: o.memberUntil,
  archived: o.archivedAt !== null,
});

export const presentInstance = (i: InstanceRecord, extra: { canManage: boolean; secretaries: { id: string; name: string }[] }): InstanceView => ({
  id: i.id,
  organisationId: i.organisationId,
  kind: i.kind,
  name: i.name,
  canManage: extra.canManage,
  secretaries: extra.secretaries,
});

export const presentVersion = (store: Pick<Store, 'users'>, v: VersionSummary, currentHash: string): VersionView => ({
  id: v.id,
  number: v.number,
  line: v.line,
  label: v.label,
  hash: v.hash,
  createdAt: v.createdAt,
  createdBy: { id: v.createdBy, name: store.users.get(v.createdBy)?.name ?? 'compte supprimé' },
  matchesCurrentText: v.hash === currentHash,
});

export const presentAuditEntry = (e: AuditEntry) => ({
  seq: e.seq,
  at: e.at,
  actor: { id: e.actorId, name: e.actorName },
  action: e.action,
  projectId: e.projectId,
  versionId: e.versionId,
  subject: e.subjectType ? { type: e.subjectType, id: e.subjectId } : null,
  details: e.details,
  hash: e.hash,
});

export const presentNotification = (n: NotificationRecord): NotificationView => ({
  id: n.id,
  kind: n.kind,
  title: n.title,
  body: n.body,
  projectId: n.projectId,
  seanceId: n.seanceId,
  createdAt: n.createdAt,
  readAt: n.readAt,
});
