import type { VersionDiffView } from '../../../../schemas/api/versionDiff';
import { Router } from 'express';
import { z } from 'zod';
import { AvenantBody, FreezeBody, type FrozenVersionAnswer, type VersionDetailView, type VersionProgressView } from '../../../../schemas/api/versions';
import type { Deps } from '../../../deps';
import { findReadableProject } from '../../../commands/projects';
import { freezeVersion, startAvenant } from '../../../commands/versions';
import { currentContent, diffVersionsWithDecisions, findVersion, getVersion, listVersions, versionContent } from '../../../queries/versions';
import { versionProgress } from '../../../governance/gate';
import { missingRequired } from '../../../governance/progress';
import { presentVersion, presentVersionLines } from '../../presenters/versions';
import { safeDocumentContent } from '../../../governance/safeContent';
import { currentUser, requireUser } from '../../middleware/session';
import { parse } from '../../middleware/validate';
import { Id, ProjectParams } from './params';
import { pendingSuggestionWarnings } from '../../../../schemas/suggestions';

const VersionParams = z.object({ id: Id, versionId: Id });
const DiffParams = z.object({ id: Id, a: Id, b: z.union([Id, z.literal('current')]) });

export function versionRoutes(deps: Deps): Router {
  const router = Router();
  router.use('/projects/:id/versions', requireUser);
  router.use('/projects/:id/version-lines', requireUser);
  router.use('/projects/:id/avenants', requireUser);
  const creatorName = (userId: string) => deps.store.users.get(userId)?.name ?? 'compte supprimé';

  router.post('/projects/:id/versions', (req, res) => {
    const { id } = parse(ProjectParams, req.params, 'chemin');
    const { label } = parse(FreezeBody, req.body);
    const frozen = freezeVersion(deps, currentUser(req), id, label);
    // Frozen as it stands (pending suggestions left out); the coordinator is told what is still pending.
    const answer: FrozenVersionAnswer = { ...frozen, warnings: pendingSuggestionWarnings(deps.registry.get(id).doc) };
    res.status(frozen.existing ? 200 : 201).json(answer);
  });

  router.get('/projects/:id/versions', (req, res) => {
    const { id } = parse(ProjectParams, req.params, 'chemin');
    findReadableProject(deps, currentUser(req), id);
    const { hash } = currentContent(deps, id);
    res.json(listVersions(deps, id).versions.map((v) => presentVersion(v, creatorName(v.createdBy), hash)));
  });

  router.get('/projects/:id/version-lines', (req, res) => {
    const { id } = parse(ProjectParams, req.params, 'chemin');
    findReadableProject(deps, currentUser(req), id);
    const { lines, currentLine } = listVersions(deps, id);
    res.json(presentVersionLines(currentLine, lines));
  });

  /** One frozen version, read-only: its content (outline, rich text, structured parts). */
  router.get('/projects/:id/versions/:versionId', (req, res) => {
    const { id, versionId } = parse(VersionParams, req.params, 'chemin');
    findReadableProject(deps, currentUser(req), id);
    const version = findVersion(deps, id, versionId);
    const detail: VersionDetailView = {
      ...presentVersion(version, creatorName(version.createdBy), currentContent(deps, id).hash),
      content: safeDocumentContent(versionContent(deps, id, versionId)),
    };
    res.json(detail);
  });

  /** The frozen Yjs state, for a read-only editor (`Y.applyUpdate`). */
  router.get('/projects/:id/versions/:versionId/state', (req, res) => {
    const { id, versionId } = parse(VersionParams, req.params, 'chemin');
    findReadableProject(deps, currentUser(req), id);
    findVersion(deps, id, versionId);
    const version = getVersion(deps, id, versionId)!;
    res.type('application/octet-stream').setHeader('X-Content-Hash', version.hash);
    res.send(Buffer.from(version.state));
  });

  /** Where this version stands on its path: every step, and the required steps still missing. */
  router.get('/projects/:id/versions/:versionId/progress', (req, res) => {
    const { id, versionId } = parse(VersionParams, req.params, 'chemin');
    findReadableProject(deps, currentUser(req), id);
    const steps = versionProgress(deps, id, versionId);
    const progress: VersionProgressView = { steps, missing: missingRequired(steps) };
    res.json(progress);
  });

  router.get('/projects/:id/versions/:a/diff/:b', (req, res) => {
    const { id, a, b } = parse(DiffParams, req.params, 'chemin');
    findReadableProject(deps, currentUser(req), id);
    const from = findVersion(deps, id, a);
    const to = b === 'current' ? null : findVersion(deps, id, b);
    const diff: VersionDiffView = {
      from: { id: from.id, number: from.number, label: from.label, hash: from.hash },
      to: to ? { id: to.id, number: to.number, label: to.label, hash: to.hash } : { id: 'current', hash: currentContent(deps, id).hash },
      ...diffVersionsWithDecisions(deps, id, a, b),
    };
    res.json(diff);
  });

  router.post('/projects/:id/avenants', (req, res) => {
    const { id } = parse(ProjectParams, req.params, 'chemin');
    const body = parse(AvenantBody, req.body);
    res.status(201).json(startAvenant(deps, currentUser(req), id, body.fromVersionId, body.label));
  });
  return router;
}
