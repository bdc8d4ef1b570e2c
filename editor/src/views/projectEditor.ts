import { readOutline, sectionsMap } from '../../../schemas/docLayout';
import type { SectionNode } from '../../../schemas/project';
import { api, ApiError, type ProjectSummary, type Account } from '../api';
import type { CloseAdvice } from '../collab/closeCodes';
import { openCollabSession, type CollabSession } from '../collab/collabSession';
import { peersFromStates, peersKey, type Peer } from '../collab/peers';
import { createCompletenessPanel } from '../completeness/completenessPanel';
import { sectionOfPath } from '../blocks/paths';
import { connectionBadge } from '../connectionStatus';
import { h, replaceChildren, srOnly } from '../dom';
import { appName, kindText, roleText } from '../labels';
import { findSection, flattenOutline } from '../outlineNumbering';
import { createOutlineTree } from '../outlineTree';
import { createPresence } from '../presence';
import { hashFor, type Route } from '../router';
import { takeFindRequest } from '../findRequest';
import { session as appSession } from '../session';
import { createProjectGovernanceBar } from './governance/projectBar';
import { createTransmittedBanner } from './governance/transmittedBanner';
import { createBinPanel } from './binPanel';
import { createMembersPanel } from './membersPanel';
import { createSectionPanel, type SectionPanel } from './sectionPanel';
import type { View } from './view';
import { unexpectedError } from '../ui/errors';

export interface ProjectEditorContext {
  user: Account;
  /** The session is gone: go to the login page (and come back here afterwards). */
  onUnauthorized(notice: string): void;
}

function messagePage(main: HTMLElement, title: string, message: string, retry?: () => void): void {
  main.replaceChildren(
    h(
      'div',
      { class: 'page' },
      h('h1', { tabindex: '-1' }, title),
      h('div', { class: 'alert alert-error', role: 'alert' }, message),
      h(
        'p',
        { class: 'actions' },
        retry ? h('button', { type: 'button', class: 'button', onclick: retry }, 'Réessayer') : null,
        h('a', { href: hashFor({ name: 'projects' }), class: 'button button-tertiary' }, 'Retour à mes projets'),
      ),
    ),
  );
}

/** The project page: header, chapter tree, the open section's editor; one provider for all sections. */
export function mountProjectEditor(main: HTMLElement, route: { projectId: string; sectionId: string | null }, ctx: ProjectEditorContext): View {
  const { projectId } = route;
  let requestedSection = route.sectionId;
  let destroyed = false;
  let teardown: (() => void) | null = null;
  let selectSection: ((sectionId: string | null) => void) | null = null;

  const start = (project: ProjectSummary, sections: SectionNode[]): void => {
    const canWrite = project.role === 'coordinator' || project.role === 'editor';
    // A reviewer (relecteur) comments and suggests: the editor opens in enforced suggestion mode.
    const canReview = project.role === 'reviewer';
    // Coordinators (and admins, reported as coordinators) may write in locked sections.
    const canEditLocked = project.role === 'coordinator';
    const collab: CollabSession = openCollabSession({
      projectId,
      user: ctx.user,
      onServerClose: (advice, code) => showCollabAlert(advice, code),
    });
    const doc = collab.doc;
    let outline = sections;
    let currentId: string | null = null;
    let peers: Peer[] = [];
    let lastPeersKey = '';
    /** A completeness item's path to focus once its section is open. */
    let pendingPath: string | null = null;

    const badge = connectionBadge(collab.provider);
    const presence = createPresence();
    const tree = createOutlineTree((id) => hashFor({ name: 'project', projectId, sectionId: id }));
    const panel: SectionPanel = createSectionPanel(collab, {
      openSection: (sectionId) => {
        location.hash = hashFor({ name: 'project', projectId, sectionId });
      },
    });
    const collabAlert = h('div', { class: 'alert collab-alert', role: 'alert', hidden: true });
    const completeness = createCompletenessPanel(doc, {
      hrefFor: (id) => hashFor({ name: 'project', projectId, sectionId: id }),
      onJump: (item) => {
        pendingPath = item.path;
        if (item.sectionId === currentId) focusPending();
        else location.hash = hashFor({ name: 'project', projectId, sectionId: item.sectionId });
      },
    });
    const focusPending = (): void => {
      const path = pendingPath;
      pendingPath = null;
      if (path && sectionOfPath(path) === currentId) void panel.focusPath(path);
    };

    const governanceBar = createProjectGovernanceBar(projectId);
    main.replaceChildren(
      h(
        'div',
        { class: 'project-page' },
        h(
          'header',
          { class: 'project-header' },
          h(
            'div',
            { class: 'project-heading' },
            h('p', { class: 'project-kind' }, h('abbr', { title: kindText(project.kind) }, project.kind), ` · ${kindText(project.kind)}`),
            h('h1', { tabindex: '-1', id: 'project-title' }, project.title),
            h(
              'p',
              { class: 'project-role' },
              srOnly('Votre rôle : '),
              h('span', { class: `badge badge-role role-${project.role ?? 'none'}` }, roleText(project.role)),
              canEditLocked ? h('a', { class: 'project-link', href: hashFor({ name: 'assignments', projectId }) }, 'Qui doit quoi, pour quand') : null,
              canWrite ? h('a', { class: 'project-link', href: hashFor({ name: 'import', projectId }) }, 'Importer un document Word') : null,
              h('a', { class: 'project-link', href: hashFor({ name: 'followup', projectId }) }, 'Suivi et évaluation'),
              (project.kind === 'PMP' || project.kind === 'PMSP') && project.organisationId
                ? h('a', { class: 'project-link', id: 'project-coherence-link', href: hashFor({ name: 'coherence', ghtId: project.organisationId, etablissementId: null }) }, 'Cohérence des projets médicaux')
                : null,
            ),
            governanceBar.element,
          ),
          h('div', { class: 'project-status' }, badge.element, presence.element),
        ),
        collabAlert,
        createTransmittedBanner({ projectId, isCoordinator: canEditLocked }),
        h(
          'div',
          { class: 'project-body' },
          h('div', { class: 'project-sidebar' }, tree.element, completeness.element, canEditLocked ? createMembersPanel(projectId, ctx.user.id).element : null, canEditLocked ? createBinPanel(projectId).element : null),
          panel.element,
        ),
      ),
    );

    // Opened from a link: the new page's title takes the focus (unless the user already moved on).
    if (document.activeElement === document.body || document.activeElement === main) {
      main.querySelector<HTMLElement>('#project-title')?.focus();
    }

    const sectionLabel = (id: string): string => {
      const found = findSection(outline, id);
      return found ? `${found.number} ${found.node.title}` : 'section inconnue';
    };

    const lockedIds = (): Set<string> => {
      const locked = new Set<string>();
      sectionsMap(doc).forEach((entry, id) => {
        if (entry.get('locked') === true) locked.add(id);
      });
      return locked;
    };

    const render = (): void => {
      const section = currentId ? findSection(outline, currentId) : null;
      const locked = lockedIds();
      const isLocked = currentId !== null && locked.has(currentId);
      tree.update({ outline, currentId, peers, locked });
      presence.update(peers, sectionLabel);
      panel.show(section, currentId, {
        locked: isLocked,
        reason: !canWrite && !canReview ? 'reader' : isLocked && !canEditLocked ? 'locked' : null,
        canManage: canEditLocked,
        reviewOnly: canReview,
        canDecide: canWrite,
      });
      document.title = section
        ? `${section.number} ${section.node.title} – ${project.title} – ${appName}`
        : `${project.title} – ${appName}`;
    };

    selectSection = (sectionId) => {
      const first = flattenOutline(outline)[0]?.node.id ?? null;
      const id = sectionId ?? first;
      if (id && !sectionId) {
        // "#/projets/:id" opens the first section; the address says which one.
        history.replaceState(history.state, '', hashFor({ name: 'project', projectId, sectionId: id }));
      }
      currentId = id;
      collab.setSection(id);
      render();
      focusPending();
      // Opened from a result of the search across projects: the find bar looks for the same words.
      const words = takeFindRequest(projectId, id);
      if (words) panel.find(words);
    };

    // The outline lives in the Y.Doc and may change while we edit.
    const sectionsRoot = sectionsMap(doc);
    let outlineQueued = false;
    const onOutline = (): void => {
      if (outlineQueued) return;
      outlineQueued = true;
      setTimeout(() => {
        outlineQueued = false;
        if (destroyed || sectionsRoot.size === 0) return;
        const hadSection = currentId;
        outline = readOutline(doc);
        completeness.setOutline(outline);
        if (hadSection === null) selectSection?.(requestedSection);
        else render();
      }, 0);
    };
    sectionsRoot.observeDeep(onOutline);

    const onAwareness = (): void => {
      const next = peersFromStates(collab.provider.awareness.getStates(), doc.clientID, ctx.user.id);
      const key = peersKey(next);
      if (key === lastPeersKey) return;
      lastPeersKey = key;
      peers = next;
      tree.update({ outline, currentId, peers, locked: lockedIds() });
      presence.update(peers, sectionLabel);
    };
    collab.provider.awareness.on('change', onAwareness);

    const hideRecoverableAlert = (synced: boolean): void => {
      if (synced && collabAlert.dataset.recoverable === 'true') collabAlert.hidden = true;
    };
    collab.provider.on('sync', hideRecoverableAlert);

    function showCollabAlert(advice: CloseAdvice, code: number): void {
      if (destroyed) return;
      if (advice.action === 'login') {
        ctx.onUnauthorized(advice.message ?? 'Votre session a expiré.');
        return;
      }
      collabAlert.dataset.code = String(code);
      collabAlert.dataset.recoverable = String(advice.reconnect);
      collabAlert.className = `alert collab-alert ${advice.reconnect ? 'alert-warning' : 'alert-error'}`;
      replaceChildren(
        collabAlert,
        h('p', {}, advice.message ?? 'La connexion au serveur a été interrompue.'),
        advice.action === 'reset'
          ? h(
              'button',
              {
                type: 'button',
                class: 'button',
                onclick: (event: Event) => {
                  (event.currentTarget as HTMLButtonElement).disabled = true;
                  void collab.discardLocalCopy().finally(() => location.reload());
                },
              },
              'Recharger le projet',
            )
          : null,
        advice.action === 'retry'
          ? h(
              'button',
              {
                type: 'button',
                class: 'button',
                onclick: () => {
                  collabAlert.hidden = true;
                  collab.retry();
                },
              },
              'Réessayer',
            )
          : null,
      );
      collabAlert.hidden = false;
      if (code === 4403 || code === 4404) panel.revoke();
    }

    selectSection(requestedSection);
    onAwareness();
    completeness.setOutline(outline);
    void collab.ready.then(() => {
      if (!destroyed) completeness.start();
    });
    // Names of assignees and the coordinator's choices; offline, the section shows without them.
    api.members(projectId).then(
      (members) => {
        if (!destroyed) panel.setMembers(members);
      },
      () => {},
    );

    teardown = () => {
      governanceBar.destroy();
      sectionsRoot.unobserveDeep(onOutline);
      collab.provider.awareness.off('change', onAwareness);
      collab.provider.off('sync', hideRecoverableAlert);
      badge.destroy();
      completeness.destroy();
      panel.destroy();
      collab.destroy();
    };
  };

  const load = (): void => {
    main.replaceChildren(h('div', { class: 'page' }, h('p', { class: 'loading', role: 'status' }, 'Ouverture du projet…')));
    api.project(projectId).then(
      (detail) => {
        if (destroyed) return;
        appSession.rememberProjects([detail]);
        start(detail, detail.sections);
      },
      (error: unknown) => {
        if (destroyed) return;
        const e = error instanceof ApiError ? error : new ApiError(0, 'unknown', unexpectedError);
        if (e.status === 401) return; // the API client already sends the user to the login page
        const known = appSession.knownProject(projectId);
        if (e.status === 0 && known) {
          // Offline: open from this device's copy of the document (outline read from the Y.Doc).
          start(known, []);
          return;
        }
        if (e.status === 404 || e.status === 403) messagePage(main, 'Projet introuvable', e.message);
        else messagePage(main, 'Impossible d’ouvrir le projet', e.message, load);
      },
    );
  };
  load();

  return {
    update(next: Route): boolean {
      if (next.name !== 'project' || next.projectId !== projectId) return false;
      requestedSection = next.sectionId;
      selectSection?.(next.sectionId);
      return true;
    },
    destroy() {
      destroyed = true;
      teardown?.();
    },
  };
}
