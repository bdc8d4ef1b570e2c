import { Router } from 'express';
import { z } from 'zod';
import { CreateOrganisationBody, OrganisationPatchBody, RegulatoryBody, type RegulatoryCreated, RevokeRoleQuery } from '../../../../schemas/api/organisations';
import type { Deps } from '../../../deps';
import { isPending } from '../../../commands/people';
import { createOrganisation, createRegulatoryInstances, regulatoryOffer, revokeOrganisationRoles, updateOrganisation } from '../../../commands/organisations';
import { HttpError } from '../../errors';
import { presentRoleHolder } from '../../presenters/organisations';
import { currentUser, requireUser } from '../../middleware/session';
import { parse } from '../../middleware/validate';
import { Id } from './params';

const OrganisationParams = z.object({ id: Id });
const RoleParams = z.object({ id: Id, userId: Id });

/** Setting up organisations (issue 18): create, edit, archive, regulatory instances, roles taken back. */
export function organisationAdminRoutes(deps: Deps): Router {
  const router = Router();
  router.use('/organisations', requireUser);

  router.post('/organisations', (req, res) => {
    const body = parse(CreateOrganisationBody, req.body);
    res.status(201).json(createOrganisation(deps, currentUser(req), body));
  });

  router.patch('/organisations/:id', (req, res) => {
    const { id } = parse(OrganisationParams, req.params, 'chemin');
    updateOrganisation(deps, currentUser(req), id, parse(OrganisationPatchBody, req.body));
    res.status(204).end();
  });

  /** Who holds which role (the organisation's family and its administrators). */
  router.get('/organisations/:id/roles', (req, res) => {
    const { id } = parse(OrganisationParams, req.params, 'chemin');
    const user = currentUser(req);
    if (!deps.store.organisations.get(id) || !deps.policy.can(user, { action: 'organisation.view', organisationId: id })) {
      throw new HttpError(404, 'organisation_not_found', 'Organisation introuvable.');
    }
    const holders = deps.store.organisations.holders(id);
    const people = new Map(deps.store.users.many(holders.map((h) => h.userId)).map((u) => [u.id, u]));
    // Who has not answered an invitation yet: for those who administer the organisation only.
    const administers = deps.policy.can(user, { action: 'organisation.administer', organisationId: id });
    res.json(
      holders.map((h) => {
        const person = people.get(h.userId);
        return presentRoleHolder(h, person, administers && person ? isPending(deps, person) : undefined);
      }),
    );
  });

  router.delete('/organisations/:id/roles/:userId', (req, res) => {
    const { id, userId } = parse(RoleParams, req.params, 'chemin');
    const { role } = parse(RevokeRoleQuery, req.query, 'paramètres');
    revokeOrganisationRoles(deps, currentUser(req), id, userId, role ?? null);
    res.status(204).end();
  });

  router.get('/organisations/:id/instances/regulatory', (req, res) => {
    const { id } = parse(OrganisationParams, req.params, 'chemin');
    res.json(regulatoryOffer(deps, currentUser(req), id));
  });

  router.post('/organisations/:id/instances/regulatory', (req, res) => {
    const { id } = parse(OrganisationParams, req.params, 'chemin');
    const { kinds } = parse(RegulatoryBody, req.body);
    const answer: RegulatoryCreated = { created: createRegulatoryInstances(deps, currentUser(req), id, kinds) };
    res.status(201).json(answer);
  });
  return router;
}
