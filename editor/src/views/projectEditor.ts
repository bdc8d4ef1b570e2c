import { readOutline, sectionsMap } from '../../../schemas/docLayout';
import type { SectionNode } from '../../../schemas/project';
import { api, ApiError, type ProjectSummary, type Account } from '../api';
import type { CloseAdvice } from '../collab/closeCodes';
import { openCollabSession, type CollabSession } from '../collab/collabSession';
import { peersFromStates, peersKey, type Peer } from '../collab/peers';
import { createCompletenessPanel } from '../completeness/completenessPanel';
import { sectionOfPath } from '../blocks/paths';
import { createConnectionBadge } from '../connectionStatus';
import { h, replaceChildren, srOnly, type Child } from '../dom';
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
import { mountPage, type Page } from '../ui/page';

/** A project as opened: its summary and outline (empty offline: the outline comes from the Y.Doc). */
interface OpenedProject {
  project: ProjectSummary;
  sections: SectionNode[];
}

export interface ProjectEditorContext {
  user: Account;
  /** The session is gone: go to the login page (and come back here afterwards). */
  onUnauthorized(notice: string): void;
}

/** The project page: header, chapter tree, the open section's editor; one provider for all sections. */
export function mountProjectEditor(main: HTMLElement, route: { projectId: string; sectionId: string | null }, ctx: ProjectEditorContext): View {
  const { projectId } = route;
  let requestedSection = route.sectionId;
  let selectSection: ((sectionId: string | null) => void) | null = null;
  /** What starts once the page is in the document: the section opened, the checks, the members. */
  let begin: (() => void) | null = null;

  const build = ({ project, sections }: OpenedProject, page: Page): Child[] => {
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

    const badge = createConnectionBadge(collab.provider);
    const presence = createPresence((id) => sectionLabel(id));
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
    const banner = createTransmittedBanner({ projectId, isCoordinator: canEditLocked });
    // The project's members and its bin are the coordinators'.
    const members = canEditLocked ? createMembersPanel(projectId, ctx.user.id) : null;
    const bin = canEditLocked ? createBinPanel(projectId) : null;
    const nodes = [
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
              ? h(
                  'a',
                  {
                    class: 'project-link',
                    id: 'project-coherence-link',
                    href: hashFor({ name: 'coherence', ghtId: project.organisationId, etablissementId: null }),
                  },
                  'Cohérence des projets médicaux',
                )
              : null,
          ),
          governanceBar.element,
        ),
        h('div', { class: 'project-status' }, badge.element, presence.element),
      ),
      collabAlert,
      banner.element,
      h(
        'div',
        { class: 'project-body' },
        h('div', { class: 'project-sidebar' }, tree.element, completeness.element, members?.element ?? null, bin?.element ?? null),
        panel.element,
      ),
    ];

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
      presence.update(peers);
      panel.show(section, currentId, {
        locked: isLocked,
        reason: !canWrite && !canReview ? 'reader' : isLocked && !canEditLocked ? 'locked' : null,
        canManage: canEditLocked,
        reviewOnly: canReview,
        canDecide: canWrite,
      });
      document.title = section ? `${section.number} ${section.node.title} – ${project.title} – ${appName}` : `${project.title} – ${appName}`;
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
        if (page.destroyed || sectionsRoot.size === 0) return;
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
      presence.update(peers);
    };
    collab.provider.awareness.on('change', onAwareness);

    const hideRecoverableAlert = (synced: boolean): void => {
      if (synced && collabAlert.dataset.recoverable === 'true') collabAlert.hidden = true;
    };
    collab.provider.on('sync', hideRecoverableAlert);

    function showCollabAlert(advice: CloseAdvice, code: number): void {
      if (page.destroyed) return;
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

    begin = () => {
      selectSection?.(requestedSection);
      onAwareness();
      completeness.setOutline(outline);
      void collab.ready.then(() => {
        if (!page.destroyed) completeness.start();
      });
      // Names of assignees and the coordinator's choices; offline, the section shows without them.
      api.members(projectId).then(
        (members) => {
          if (!page.destroyed) panel.setMembers(members);
        },
        () => {},
      );
    };

    page.onEnd(() => {
      governanceBar.destroy();
      banner.destroy();
      members?.destroy();
      bin?.destroy();
      tree.destroy();
      presence.destroy();
      sectionsRoot.unobserveDeep(onOutline);
      collab.provider.awareness.off('change', onAwareness);
      collab.provider.off('sync', hideRecoverableAlert);
      badge.destroy();
      completeness.destroy();
      panel.destroy();
      collab.destroy();
    });
    return nodes;
  };

  // Offline, a project opened before on this device opens from its copy (outline read from the Y.Doc).
  const open = (): Promise<OpenedProject> =>
    api.project(projectId).then(
      (detail) => {
        appSession.rememberProjects([detail]);
        return { project: detail, sections: detail.sections };
      },
      (error: unknown) => {
        const known = appSession.knownProject(projectId);
        if (error instanceof ApiError && error.status === 0 && known) return { project: known, sections: [] };
        throw error;
      },
    );
  const notFound = (error: unknown): boolean => error instanceof ApiError && (error.status === 404 || error.status === 403);

  const view = mountPage(main, {
    title: 'Projet',
    className: 'page',
    contentClass: 'project-page',
    loading: 'Ouverture du projet…',
    errorHeading: (error) => (notFound(error) ? 'Projet introuvable' : 'Impossible d’ouvrir le projet'),
    canRetry: (error) => !notFound(error),
    errorFooter: () => [h('p', { class: 'actions' }, h('a', { href: hashFor({ name: 'projects' }), class: 'button button-tertiary' }, 'Retour à mes projets'))],
    load: open,
    render: build,
    shown: () => {
      begin?.();
      begin = null;
    },
  });

  return {
    update(next: Route): boolean {
      if (next.name !== 'project' || next.projectId !== projectId) return false;
      requestedSection = next.sectionId;
      selectSection?.(next.sectionId);
      return true;
    },
    destroy: view.destroy,
  };
}
