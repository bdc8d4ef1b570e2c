import type { InstanceView } from '../../../schemas/api/governanceViews';
import type { InstanceRecord } from '../../store/instances';

/** An instance as listed: whether the reader manages its séances, and its secretaries (the route reads both). */
export const presentInstance = (i: InstanceRecord, extra: { canManage: boolean; secretaries: { id: string; name: string }[] }): InstanceView => ({
  id: i.id,
  organisationId: i.organisationId,
  kind: i.kind,
  name: i.name,
  canManage: extra.canManage,
  secretaries: extra.secretaries,
});
