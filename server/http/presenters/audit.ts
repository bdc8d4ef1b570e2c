import type { AuditEntryView } from '../../../schemas/api/governanceViews';
import type { AuditEntry } from '../../store/audit';

export const presentAuditEntry = (e: AuditEntry): AuditEntryView => ({
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
