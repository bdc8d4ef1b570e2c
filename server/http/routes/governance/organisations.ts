import { Router } from 'express';
import { z } from 'zod';
import { GovernanceSettingsBody, GovernanceSettingsQuery, type OrganisationGovernanceView } from '../../../../schemas/api/governanceSettings';
import { GrantRoleBody } from '../../../../schemas/api/organisations';
import type { Deps } from '../../../deps';
import { setGovernanceSettings } from '../../../commands/governanceSettings';
import { grantOrganisationRole } from '../../../commands/instances';
import { governanceConfigFor } from '../../../governance/projectContext';
import { HttpError } from '../../errors';
import { presentOrganisation } from '../../presenters/organisations';
import { currentUser, requireUser } from '../../middleware/session';
import { parse } from '../../middleware/validate';
import { Id } from './params';

const OrganisationParams = z.object({ id: Id });

export function organisationRoutes(deps: Deps): Router {
  const router = Router();
  router.use('/organisations', requireUser);

  /** Only the user's family (an ARS reader: the organisations reporting to its ARS); all for an admin. */
  router.get('/organisations', (req, res) => {
    const user = currentUser(req);
    const visible = deps.store.organisations.list().filter((o) => deps.policy.can(user, { action: 'organisation.list', organisationId: o.id }));
    res.json(visible.map((o) => presentOrganisation(o, deps.store.submissions.arsOf(o.id) ?? null)));
  });

  router.post('/organisations/:id/roles', (req, res) => {
    const { id } = parse(OrganisationParams, req.params, 'chemin');
    grantOrganisationRole(deps, currentUser(req), id, parse(GrantRoleBody, req.body));
    res.status(204).end();
  });

  /** The rules in force for a document kind, and the organisation's own settings. */
  router.get('/organisations/:id/governance', (req, res) => {
    const { id } = parse(OrganisationParams, req.params, 'chemin');
    const { documentKind } = parse(GovernanceSettingsQuery, req.query, 'paramètres');
    const user = currentUser(req);
    if (!deps.store.organisations.get(id) || !deps.policy.can(user, { action: 'organisation.view', organisationId: id })) {
      throw new HttpError(404, 'organisation_not_found', 'Organisation introuvable.');
    }
    const view: OrganisationGovernanceView = {
      documentKind,
      effective: governanceConfigFor(deps, id, documentKind),
      settings: { all: deps.store.governanceSettings.get(id, '*') ?? null, kind: deps.store.governanceSettings.get(id, documentKind) ?? null },
      canConfigure: deps.policy.can(user, { action: 'governance.configure', organisationId: id }),
    };
    res.json(view);
  });

  router.put('/organisations/:id/governance', (req, res) => {
    const { id } = parse(OrganisationParams, req.params, 'chemin');
    const body = parse(GovernanceSettingsBody, req.body);
    setGovernanceSettings(deps, currentUser(req), id, body.documentKind, body.overrides);
    res.status(204).end();
  });
  return router;
}
