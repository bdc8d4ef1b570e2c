import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { CalendarFeedQuery } from '../../../../schemas/api/governanceBodies';
import type { CalendarFeedIssued, CalendarFeedStatus } from '../../../../schemas/api/governanceViews';
import type { Deps } from '../../../deps';
import { issueCalendarFeed, revokeCalendarFeed } from '../../../commands/calendarFeeds';
import { calendarFor } from '../../../governance/calendarFeed';
import type { UserRecord } from '../../../store/users';
import { HttpError } from '../../errors';
import { currentUser, requireUser } from '../../middleware/session';
import { parse } from '../../middleware/validate';

const TokenParams = z.object({ file: z.string().regex(/^[A-Za-z0-9_-]{20,100}\.ics$/, 'lien de calendrier invalide') });

function sendCalendar(res: Response, body: string): void {
  res.setHeader('Content-Type', 'text/calendar; charset=utf-8');
  res.setHeader('Content-Disposition', 'inline; filename="instances.ics"');
  res.setHeader('Cache-Control', 'private, max-age=300');
  res.send(body);
}

function calendarName(deps: Deps, query: z.infer<typeof CalendarFeedQuery>): string {
  if (query.instanceId) return `Séances — ${deps.store.instances.get(query.instanceId)?.name ?? 'instance'}`;
  if (query.organisationId) return `Instances — ${deps.store.organisations.get(query.organisationId)?.name ?? 'organisation'}`;
  return 'Instances — mes séances';
}

function feedFor(deps: Deps, user: UserRecord, query: z.infer<typeof CalendarFeedQuery>): string {
  if (query.organisationId && !deps.policy.can(user, { action: 'organisation.view', organisationId: query.organisationId })) {
    throw new HttpError(404, 'organisation_not_found', 'Organisation introuvable.');
  }
  return calendarFor(deps, user, query, calendarName(deps, query));
}

const feedUrl = (deps: Deps, req: Request, token: string): string =>
  `${deps.config.publicUrl ?? `${req.protocol}://${req.get('host')}`}/api/calendar/feeds/${token}.ics`;

/**
 * iCalendar feeds of the séances: with the session (download), or through a secret per-user URL
 * that calendar clients (Outlook, Thunderbird) subscribe to without signing in.
 */
export function calendarRoutes(deps: Deps): Router {
  const router = Router();

  router.get('/calendar.ics', requireUser, (req, res) => {
    sendCalendar(res, feedFor(deps, currentUser(req), parse(CalendarFeedQuery, req.query, 'paramètres')));
  });

  router.get('/calendar/feeds/:file', (req, res) => {
    const { file } = parse(TokenParams, req.params, 'chemin');
    const userId = deps.store.calendarFeeds.userIdFor(file.slice(0, -'.ics'.length));
    const user = userId ? deps.store.users.get(userId) : undefined;
    if (!user) throw new HttpError(404, 'not_found', 'Calendrier introuvable (lien révoqué ?).');
    sendCalendar(res, feedFor(deps, user, parse(CalendarFeedQuery, req.query, 'paramètres')));
  });

  router.get('/calendar/feed', requireUser, (req, res) => {
    const issuedAt = deps.store.calendarFeeds.issuedAt(currentUser(req).id);
    const status: CalendarFeedStatus = { active: issuedAt !== undefined, issuedAt: issuedAt ?? null };
    res.json(status);
  });

  /** A new secret URL (shown once); the previous one stops working. */
  router.post('/calendar/feed', requireUser, (req, res) => {
    const token = issueCalendarFeed(deps, currentUser(req));
    const issued: CalendarFeedIssued = { url: feedUrl(deps, req, token) };
    res.status(201).json(issued);
  });

  router.delete('/calendar/feed', requireUser, (req, res) => {
    revokeCalendarFeed(deps, currentUser(req));
    res.status(204).end();
  });
  return router;
}
