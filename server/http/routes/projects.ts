import { Router } from 'express';
import { z } from 'zod';
import { type CollabTokenView, type Created, CreateProjectBody, MemberBody } from '../../../schemas/api/projects';
import type { Deps } from '../../deps';
import { createProject, findReadableProject, issueCollabToken, projectOutline, removeMember, setMemberRole } from '../../commands/projects';
import { presentProject, presentProjectSummary } from '../presenters/projects';
import { currentUser, requireUser } from '../middleware/session';
import { parse } from '../middleware/validate';
import { Id, ProjectParams } from '../params';

const MemberParams = z.object({ id: Id, userId: Id });

export function projectRoutes(deps: Deps): Router {
  const router = Router();
  router.use('/projects', requireUser);

  router.get('/projects', (req, res) => {
    const user = currentUser(req);
    const projects = deps.policy.can(user, { action: 'installation.administer' })
      ? deps.store.projects.list().map((p) => presentProjectSummary(p, 'coordinator'))
      : deps.store.projects.listForMember(user.id).map((p) => presentProjectSummary(p, p.role));
    res.json(projects);
  });

  router.post('/projects', (req, res) => {
    const body = parse(CreateProjectBody, req.body);
    res.status(201).json({ id: createProject(deps, currentUser(req), body) } satisfies Created);
  });

  router.get('/projects/:id', (req, res) => {
    const { id } = parse(ProjectParams, req.params, 'chemin');
    const user = currentUser(req);
    const project = findReadableProject(deps, user, id);
    res.json(presentProject(project, deps.policy.projectRole(user, id), projectOutline(deps, id)));
  });

  router.put('/projects/:id/members/:userId', (req, res) => {
    const params = parse(MemberParams, req.params, 'chemin');
    const body = parse(MemberBody, req.body);
    setMemberRole(deps, currentUser(req), { projectId: params.id, userId: params.userId, role: body.role });
    res.status(204).end();
  });

  router.delete('/projects/:id/members/:userId', (req, res) => {
    const params = parse(MemberParams, req.params, 'chemin');
    removeMember(deps, currentUser(req), { projectId: params.id, userId: params.userId });
    res.status(204).end();
  });

  router.post('/projects/:id/collab-token', (req, res) => {
    const { id } = parse(ProjectParams, req.params, 'chemin');
    res.status(201).json({ token: issueCollabToken(deps, currentUser(req), id, req.sessionHash ?? '') } satisfies CollabTokenView);
  });
  return router;
}
