import { Router } from 'express';
import { z } from 'zod';
import { DocumentKind } from '../../../../schemas/project';
import { OrgRole } from '../../../../schemas/user';
import type { Deps } from '../../../deps';
import { setGovernanceSettings } from '../../../commands/governanceSettings';
import { grantOrganisationRole } from '../../../commands/instances';
import { GovernanceOverrides } from '../../../governance/config';
import { governanceConfigFor } from '../../../governance/projectContext';
import { HttpError } from '../../errors';
import { presentOrganisation } from '../../governancePresenters';
import { currentUser, requireUser } from '../../middleware/session';
import { parse } from '../../middleware/validate';
import { Id } from './params';

const OrganisationParams = z.object({ id: Id });
const RoleBody = z.object({ userId: Id, role: OrgRole });
const SettingsQuery = z.object({ documentKind: DocumentKind.default('PM') });
const SettingsBody = z.object({ documentKind: z.union([DocumentKind, z.literal('*')]), overrides: GovernanceOverrides });

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
    grantOrganisationRole(deps, currentUser(req), id, parse(RoleBody, req.body));
    res.status(204).end();
  });

  /** The rules in force for a document kind, and the organisation's own settings. */
  router.get('/organisations/:id/governance', (req, res) => {
    const { id } = parse(OrganisationParams, req.params, 'chemin');
    const { documentKind } = parse(SettingsQuery, req.query, 'paramètres');
    const user = currentUser(req);
    if (!deps.store.organisations.get(id) || !deps.policy.can(user, { action: 'organisation.view', organisationId: id })) {
      throw new HttpError(404, 'organisation_not_found', 'Organisation introuvable.');
    }
    res.json({
      documentKind,
      effective: governanceConfigFor(deps, id, documentKind),
      settings: { all: deps.store.governanceSettings.get(id, '*') ?? null, kind: deps.store.governanceSettings.get(id, documentKind) ?? null },
      canConfigure: deps.policy.can(user, { action: 'governance.configure', organisationId: id }),
    });
  });

  router.put('/organisations/:id/governance', (req, res) => {
    const { id } = parse(OrganisationParams, req.params, 'chemin');
    const body = parse(SettingsBody, req.body);
    setGovernanceSettings(deps, currentUser(req), id, body.documentKind, body.overrides);
    res.status(204).end();
  });
  return router;
}
