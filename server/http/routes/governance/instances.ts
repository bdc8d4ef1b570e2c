import { Router } from 'express';
import type { Created } from '../../../../schemas/api/projects';
import { z } from 'zod';
import { CreateInstanceBody, InstancesQuery } from '../../../../schemas/api/governanceBodies';
import type { Deps } from '../../../deps';
import { createInstance, setSecretary } from '../../../commands/instances';
import type { InstanceRecord } from '../../../store/instances';
import type { UserRecord } from '../../../store/users';
import { presentInstance } from '../../presenters/instances';
import { currentUser, requireUser } from '../../middleware/session';
import { parse } from '../../middleware/validate';
import { Id } from './params';

const SecretaryParams = z.object({ id: Id, userId: Id });

export function instanceRoutes(deps: Deps): Router {
  const router = Router();
  router.use('/instances', requireUser);

  const present = (user: UserRecord, instance: InstanceRecord) =>
    presentInstance(instance, {
      canManage: deps.policy.can(user, { action: 'seance.manage', instanceId: instance.id, organisationId: instance.organisationId }),
      secretaries: deps.store.instances.secretaryIds(instance).map((id) => ({ id, name: deps.store.users.get(id)?.name ?? '' })),
    });

  /** Instances of the organisations the user belongs to (with their GHT family). */
  router.get('/instances', (req, res) => {
    const { organisationId } = parse(InstancesQuery, req.query, 'paramètres');
    const user = currentUser(req);
    const instances = deps.store.instances
      .list()
      .filter((i) => !organisationId || i.organisationId === organisationId)
      .filter((i) => deps.policy.can(user, { action: 'organisation.view', organisationId: i.organisationId }));
    res.json(instances.map((i) => present(user, i)));
  });

  router.post('/instances', (req, res) => {
    const body = parse(CreateInstanceBody, req.body);
    res.status(201).json({ id: createInstance(deps, currentUser(req), body) } satisfies Created);
  });

  router.put('/instances/:id/secretaries/:userId', (req, res) => {
    const { id, userId } = parse(SecretaryParams, req.params, 'chemin');
    setSecretary(deps, currentUser(req), id, userId, true);
    res.status(204).end();
  });

  router.delete('/instances/:id/secretaries/:userId', (req, res) => {
    const { id, userId } = parse(SecretaryParams, req.params, 'chemin');
    setSecretary(deps, currentUser(req), id, userId, false);
    res.status(204).end();
  });
  return router;
}
