import { Router } from 'express';
import type { Deps } from '../../../deps';
import { actRoutes } from './acts';
import { auditRoutes } from './audit';
import { calendarRoutes } from './calendar';
import { instanceRoutes } from './instances';
import { notificationRoutes } from './notifications';
import { organisationAdminRoutes } from './organisationAdmin';
import { organisationRoutes } from './organisations';
import { seanceDocumentRoutes } from './seanceDocuments';
import { seanceRoutes } from './seances';
import { timelineRoutes } from './timeline';
import { versionRoutes } from './versions';

/** Every governance route (versions, instances, séances, acts, timeline, reminders, calendars, audit). */
export function governanceRoutes(deps: Deps): Router {
  const router = Router();
  router.use(calendarRoutes(deps));
  router.use(organisationRoutes(deps));
  router.use(organisationAdminRoutes(deps));
  router.use(instanceRoutes(deps));
  router.use(versionRoutes(deps));
  router.use(seanceDocumentRoutes(deps));
  router.use(seanceRoutes(deps));
  router.use(actRoutes(deps));
  router.use(timelineRoutes(deps));
  router.use(notificationRoutes(deps));
  router.use(auditRoutes(deps));
  return router;
}
