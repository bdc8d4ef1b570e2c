import { Router } from 'express';
import { z } from 'zod';
import { type TemplateCustomised, TemplatesQuery } from '../../../schemas/api/templates';
import { creatableKinds, DocumentKind } from '../../../schemas/project';
import { CustomisationInput } from '../../../schemas/templateCustomisation';
import type { Deps } from '../../deps';
import { customiseTemplate, effectiveTemplate, visibleOrganisation } from '../../commands/templates';
import { currentUser, requireUser } from '../middleware/session';
import { presentTemplate } from '../presenters/templates';
import { parse } from '../middleware/validate';
import { Id } from '../params';

const TemplateParams = z.object({ id: Id, kind: DocumentKind });

export function templateRoutes(deps: Deps): Router {
  const router = Router();

  /** The kinds with their chapter trees, as the organisation (if given) has adapted them. */
  router.get('/templates', requireUser, (req, res) => {
    const { organisationId } = parse(TemplatesQuery, req.query, 'paramètres');
    if (organisationId) visibleOrganisation(deps, currentUser(req), organisationId);
    res.json(creatableKinds.map((kind) => presentTemplate(effectiveTemplate(deps, kind, organisationId))));
  });

  router.get('/organisations/:id/templates/:kind', requireUser, (req, res) => {
    const { id, kind } = parse(TemplateParams, req.params, 'chemin');
    visibleOrganisation(deps, currentUser(req), id);
    res.json(presentTemplate(effectiveTemplate(deps, kind, id)));
  });

  router.put('/organisations/:id/templates/:kind', requireUser, (req, res) => {
    const { id, kind } = parse(TemplateParams, req.params, 'chemin');
    const { chapters } = parse(CustomisationInput, req.body);
    const version = customiseTemplate(deps, currentUser(req), { organisationId: id, kind, chapters });
    const customised: TemplateCustomised = { kind, organisationId: id, version };
    res.json(customised);
  });
  return router;
}
