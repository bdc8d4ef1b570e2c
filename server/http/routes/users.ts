import { type Request, Router } from 'express';
import type { Created } from '../../../schemas/api/projects';
import { z } from 'zod';
import { CreateUserBody, InviteBody, PeopleImportBody, PeopleQuery, ProfileBody } from '../../../schemas/api/users';
import { createUser, requireStrongPassword } from '../../commands/accounts';
import type { Deps } from '../../deps';
import type { UserRecord } from '../../store/users';
import { setupStatus } from '../../commands/setupStatus';
import { importPeople } from '../../commands/userImport';
import { deactivatePerson, invitePerson, isPending, reactivatePerson, resendInvitation, searchPeople, updatePerson } from '../../commands/people';
import { HttpError } from '../errors';
import { presentListedPerson, presentUser } from '../presenters/users';
import { currentUser, requireUser } from '../middleware/session';
import { parse } from '../middleware/validate';
import { Id } from './governance/params';

const UserParams = z.object({ id: Id });

/** Links in invitations: PMP_PUBLIC_URL, else the inviting administrator's own address. */
const baseUrl = (deps: Deps, req: Request): string => deps.config.publicUrl ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`;

export function userRoutes(deps: Deps): Router {
  const router = Router();
  router.post('/users', requireUser, async (req, res) => {
    if (!deps.policy.can(currentUser(req), { action: 'user.create' })) {
      throw new HttpError(403, 'forbidden', 'Seul un administrateur peut créer des comptes.');
    }
    const body = parse(CreateUserBody, req.body);
    await requireStrongPassword(body.password, body, 'password');
    res.status(201).json({ id: await createUser(deps, body) } satisfies Created);
  });

  /** People the caller may see (their organisations' family; everyone for an admin), by name or e-mail. */
  router.get('/users', requireUser, (req, res) => {
    const { query, inactive } = parse(PeopleQuery, req.query, 'paramètres');
    const user = currentUser(req);
    const found = searchPeople(deps, user, query, inactive === '1');
    // An administrator also sees where each account stands (to reactivate it, or send its invitation again).
    const state = (u: UserRecord) =>
      deps.policy.can(user, { action: 'installation.administer' }) ? { active: u.deactivatedAt === null, pending: isPending(deps, u) } : null;
    res.json(found.map((u) => presentListedPerson(u, state(u))));
  });

  router.post('/users/invitations', requireUser, async (req, res) => {
    const body = parse(InviteBody, req.body);
    res.status(201).json(await invitePerson(deps, currentUser(req), body, baseUrl(deps, req)));
  });

  /** Bulk invitations from a CSV file: a preview line by line, then `apply: true`. */
  router.post('/users/import', requireUser, async (req, res) => {
    const body = parse(PeopleImportBody, req.body);
    res.json(await importPeople(deps, currentUser(req), body, baseUrl(deps, req)));
  });

  router.post('/users/:id/invitation', requireUser, async (req, res) => {
    const { id } = parse(UserParams, req.params, 'chemin');
    res.status(201).json(await resendInvitation(deps, currentUser(req), id, baseUrl(deps, req)));
  });

  router.patch('/users/:id', requireUser, (req, res) => {
    const { id } = parse(UserParams, req.params, 'chemin');
    updatePerson(deps, currentUser(req), id, parse(ProfileBody, req.body));
    res.status(204).end();
  });

  router.post('/users/:id/deactivate', requireUser, (req, res) => {
    const { id } = parse(UserParams, req.params, 'chemin');
    deactivatePerson(deps, currentUser(req), id);
    res.status(204).end();
  });

  router.post('/users/:id/reactivate', requireUser, (req, res) => {
    const { id } = parse(UserParams, req.params, 'chemin');
    reactivatePerson(deps, currentUser(req), id);
    res.status(204).end();
  });

  /** Where the first set-up stands (administrators): left and resumed from what exists. */
  router.get('/setup', requireUser, (req, res) => {
    res.json(setupStatus(deps, currentUser(req)));
  });

  router.patch('/me', requireUser, (req, res) => {
    const user = currentUser(req);
    updatePerson(deps, user, user.id, parse(ProfileBody, req.body));
    res.json(presentUser(deps.store.users.get(user.id)!));
  });
  return router;
}
