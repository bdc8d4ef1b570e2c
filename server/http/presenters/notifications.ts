import type { NotificationView } from '../../../schemas/api/governanceViews';
import type { NotificationRecord } from '../../store/notifications';

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
