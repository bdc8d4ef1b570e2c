import { Router } from 'express';
import { z } from 'zod';
import { InstanceKind, IsoDate } from '../../../../schemas/governance';
import { limits } from '../../../../schemas/limits';
import { EtablissementType, Finess } from '../../../../schemas/organisation';
import { OrgRole } from '../../../../schemas/user';
import type { Deps } from '../../../deps';
import { isPending } from '../../../commands/people';
import { createOrganisation, createRegulatoryInstances, regulatoryOffer, revokeOrganisationRoles, updateOrganisation } from '../../../commands/organisations';
import { HttpError } from '../../errors';
import { currentUser, requireUser } from '../../middleware/session';
import { parse } from '../../middleware/validate';
import { Id } from './params';

const Name = z.string().trim().min(1).max(limits.titleLength);
const Kinds = z.array(InstanceKind).max(30);
const CreateBody = z
  .object({
    name: Name,
    kind: z.enum(['GHT', 'etablissement', 'ARS']),
    parentId: Id.optional(),
    finess: Finess.optional(),
    finessGeographique: Finess.optional(),
    type: EtablissementType.optional(),
    isSupport: z.boolean().optional(),
    arsId: Id.optional(),
    associatedChuId: Id.optional(),
    memberSince: IsoDate.optional(),
    instances: Kinds.optional(),
  })
  .strict();
const PatchBody = z
  .object({
    name: Name.optional(),
    finess: Finess.nullable().optional(),
    finessGeographique: Finess.nullable().optional(),
    type: EtablissementType.optional(),
    isSupport: z.boolean().optional(),
    parentId: Id.nullable().optional(),
    arsId: Id.optional(),
    associatedChuId: Id.nullable().optional(),
    memberSince: IsoDate.nullable().optional(),
    memberUntil: IsoDate.nullable().optional(),
    archived: z.boolean().optional(),
  })
  .strict();
const OrganisationParams = z.object({ id: Id });
const RoleParams = z.object({ id: Id, userId: Id });
const RevokeQuery = z.object({ role: OrgRole.optional() });
const RegulatoryBody = z.object({ kinds: Kinds.min(1) });

/** Setting up organisations (issue 18): create, edit, archive, regulatory instances, roles taken back. */
export function organisationAdminRoutes(deps: Deps): Router {
  const router = Router();
  router.use('/organisations', requireUser);

  router.post('/organisations', (req, res) => {
    const body = parse(CreateBody, req.body);
    res.status(201).json(createOrganisation(deps, currentUser(req), body));
  });

  router.patch('/organisations/:id', (req, res) => {
    const { id } = parse(OrganisationParams, req.params, 'chemin');
    updateOrganisation(deps, currentUser(req), id, parse(PatchBody, req.body));
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
        return {
          userId: h.userId,
          name: person?.name ?? '',
          function: person?.function ?? '',
          role: h.role,
          instanceId: h.instanceId,
          active: person?.deactivatedAt === null,
          ...(administers && person ? { pending: isPending(deps, person) } : {}),
        };
      }),
    );
  });

  router.delete('/organisations/:id/roles/:userId', (req, res) => {
    const { id, userId } = parse(RoleParams, req.params, 'chemin');
    const { role } = parse(RevokeQuery, req.query, 'paramètres');
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
    res.status(201).json({ created: createRegulatoryInstances(deps, currentUser(req), id, kinds) });
  });
  return router;
}
