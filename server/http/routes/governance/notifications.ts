import { Router } from 'express';
import { z } from 'zod';
import { NotificationsQuery } from '../../../../schemas/api/governanceBodies';
import type { Deps } from '../../../deps';
import { markAllNotificationsRead, markNotificationRead } from '../../../commands/notifications';
import { parisDate } from '../../../governance/parisTime';
import { presentNotification } from '../../presenters/notifications';
import { currentUser, requireUser } from '../../middleware/session';
import { parse } from '../../middleware/validate';
import { Id } from './params';

const NotificationParams = z.object({ id: Id });

/** In-app reminders of the signed-in user. */
export function notificationRoutes(deps: Deps): Router {
  const router = Router();
  router.use('/notifications', requireUser);

  router.get('/notifications', (req, res) => {
    const query = parse(NotificationsQuery, req.query, 'paramètres');
    const list = deps.store.notifications.ofUser(currentUser(req).id, { unreadOnly: query.unread === '1', limit: query.limit });
    // "Séance à venir" once the séance's day has passed is no longer true: not shown.
    const today = parisDate(new Date());
    const current = list.filter((n) => n.kind !== 'seance_upcoming' || !n.seanceId || (deps.store.seances.get(n.seanceId)?.date ?? '') >= today);
    res.json(current.map(presentNotification));
  });

  router.post('/notifications/read-all', (req, res) => {
    markAllNotificationsRead(deps, currentUser(req));
    res.status(204).end();
  });

  router.post('/notifications/:id/read', (req, res) => {
    const { id } = parse(NotificationParams, req.params, 'chemin');
    markNotificationRead(deps, currentUser(req), id);
    res.status(204).end();
  });
  return router;
}
