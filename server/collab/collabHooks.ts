import type { IncomingMessage } from 'node:http';
import type * as Y from 'yjs';
import { commentsMapName } from '../../schemas/comments';
import { colorForUser } from '../../schemas/userColor';
import { authenticate } from '../auth/authenticate';
import { isCrossOrigin } from '../auth/sessionCookie';
import type { Logger } from '../log';
import { projectImageCheck } from '../commands/images';
import { keepRemoved } from '../commands/recordBin';
import type { Policy } from '../policies/can';
import { zoneViolation } from '../policies/documentZones';
import { reviewerViolation } from '../policies/reviewerChanges';
import type { Store } from '../store';
import type { Admission, CollabHooks } from './hooks';
import type { UpdateRefusal } from './loadedDocument';
import { removedRecords } from './removedRecords';
import { scopeOfUpdate, type UpdateScope } from '../yjs/updateScope';

/** What an accepted update removes goes to the bin (commands/recordBin.ts) before it applies. */
function keepRemovedRecords(deps: { store: Store; logger: Logger }, admission: Admission, doc: Y.Doc, scope: UpdateScope): void {
  const removed = removedRecords(doc, scope);
  if (removed.length === 0) return;
  try {
    keepRemoved(deps.store, { userId: admission.userId, name: admission.presenceUser.name, projectId: admission.projectId }, removed);
  } catch (error) {
    // The removal itself is the author's right: a bin that cannot be written does not refuse it.
    deps.logger.error('record bin not written', { doc: admission.projectId, error: String(error) });
  }
}

/** Roots a reviewer writes besides their suggestions in section texts. */
const reviewerRoots: ReadonlySet<string> = new Set([commentsMapName]);

/** The product's admission and update guard: the session or token, then the policy, then the zones of the document. */
export function createCollabHooks(deps: { store: Store; policy: Policy; logger: Logger }): CollabHooks {
  return {
    admit(req: IncomingMessage, projectId: string) {
      const token = new URL(req.url ?? '/', 'http://localhost').searchParams.get('token');
      // A cookie rides along with any page's WebSocket: only our own pages may use it.
      if (!token && isCrossOrigin(req.headers.origin, req.headers.host)) return 'forbidden';
      const who = authenticate(deps.store, token ? { collabToken: { token, projectId } } : { cookieHeader: req.headers.cookie });
      if (!who) return 'unauthorized';
      if (!deps.store.projects.get(projectId)) return 'notFound';
      const { user } = who;
      if (!deps.policy.can(user, { action: 'project.read', projectId })) return 'forbidden';
      return {
        userId: user.id,
        projectId,
        sessionHash: who.sessionHash,
        rights: {
          canWrite: deps.policy.can(user, { action: 'project.edit', projectId }),
          canReview: deps.policy.can(user, { action: 'project.review', projectId }),
          canEditLocked: deps.policy.can(user, { action: 'section.editLocked', projectId }),
          canManage: deps.policy.can(user, { action: 'project.manage', projectId }),
        },
        presenceUser: { id: user.id, name: user.name, color: colorForUser(user.id) },
      } satisfies Admission;
    },

    guardUpdate(admission, doc, update, staged, raw): UpdateRefusal | null {
      const { canWrite, canReview, canEditLocked, canManage } = admission.rights;
      if (!canWrite && !canReview) return 'forbidden';
      const scope = scopeOfUpdate(doc, update, staged);
      const violation =
        zoneViolation(doc, scope, {
          canEditLocked,
          canManage,
          userId: admission.userId,
          isProjectImage: projectImageCheck(deps.store, admission.projectId),
          // A reviewer changes no record at all: reviewerViolation refuses it (4403) whoever it names.
          mayDesignate: canWrite ? (personId) => mayDesignate(deps, admission, personId) : () => true,
        }) ?? (canWrite ? null : reviewerViolation(doc, scope, raw, staged.updates, admission.userId, reviewerRoots));
      if (!violation) {
        keepRemovedRecords(deps, admission, doc, scope);
        return null;
      }
      deps.logger.warn('collab update refused', { doc: admission.projectId, user: admission.userId, refusal: violation.refusal, detail: violation.detail });
      return violation.refusal;
    },
  };
}

/** Whether the writer may name this person a fiche-action's pilot or référent (policies/can.ts). */
function mayDesignate(deps: { store: Store; policy: Policy }, admission: Admission, personId: string): boolean {
  const user = deps.store.users.get(admission.userId);
  return user !== undefined && deps.policy.can(user, { action: 'fiche.designate', projectId: admission.projectId, personId });
}
