import { request, type Member } from '../api';
import type { PmpItems } from '../../../schemas/pmpLinks';
import { focusPath } from '../blocks/focusPath';
import { createProjectPeople } from '../blocks/projectPeople';
import { mountStructuredBlocks } from '../blocks/structuredBlocks';
import type { CollabSession } from '../collab/collabSession';
import { h, replaceChildren, srOnly } from '../dom';
import { createSectionEditor, sectionTextId, type SectionEditor } from '../editor/createSectionEditor';
import { bindUndoKeys, createSectionUndo } from '../editor/sectionUndo';
import { imageNotices, imagePicker } from '../editor/imageUpload';
import { createFindBar, type FindBar } from '../editor/findBar';
import { createToolbar } from '../editor/toolbar';
import { createWordCount } from '../editor/wordCount';
import { statusLabel } from '../labels';
import type { NumberedSection } from '../outlineNumbering';
import { createReviewPanel, type ReviewPanel } from '../review/reviewPanel';
import type { SuggestionModeState } from '../review/suggestionMode';
import { restoreControl } from './restoreFromVersion';
import { createSectionMeta } from './sectionMeta';
import { loadingLine } from '../ui/load';

/** Why a section is read-only for this user, or null when they may write in it. */
export type ReadOnlyReason = 'reader' | 'locked' | 'revoked' | null;

const readOnlyText: Record<Exclude<ReadOnlyReason, null>, string> = {
  reader: ' – vous êtes lecteur de ce projet : vous pouvez lire le texte et voir qui y écrit, sans le modifier.',
  locked: ' – cette section a été validée et verrouillée par un coordonnateur : seuls les coordonnateurs peuvent la modifier.',
  revoked: ' – l’accès en écriture à ce projet n’est plus disponible.',
};

export interface SectionAccess {
  reason: ReadOnlyReason;
  locked: boolean;
  /** Coordinators assign, set due dates and lock. */
  canManage: boolean;
  /** A reviewer: writes only suggestions and comments (issue 21). */
  reviewOnly: boolean;
  /** Editors and coordinators accept or reject suggestions. */
  canDecide: boolean;
}

/**
 * The centre of the project page: the open section's title, legal basis and guidance, its
 * status and assignment, the toolbar, one Tiptap editor and the section's structured blocks,
 * re-created when another section is opened (or when the right to write in it changes).
 */
export function createSectionPanel(session: CollabSession, options: { openSection(sectionId: string): void }) {
  const head = h('div', { class: 'section-head' });
  const metaSlot = h('div', { class: 'section-meta-slot' });
  const banner = h('p', { class: 'readonly-banner', hidden: true });
  const toolbarSlot = h('div', { class: 'toolbar-slot' });
  const host = h('div', { class: 'editor-host' });
  const wordCountSlot = h('div', { class: 'word-count-slot' });
  const blocksHost = h('div', { class: 'blocks-host' });
  const reviewHost = h('div', { class: 'review-host' });
  // The members among whom a fiche-action's pilots are chosen (blocks/personField.ts).
  const people = createProjectPeople();
  // Search in the whole document (editor/findBar.ts): one bar that stays from one section to the next.
  const find: FindBar = createFindBar({
    doc: session.doc,
    sectionId: () => current?.id ?? null,
    editor: () => sectionEditor?.editor ?? null,
    openSection: async (sectionId) => {
      options.openSection(sectionId);
      // The route changes, then show() mounts the section: wait for both (at most a few seconds).
      for (let waited = 0; waited < 5000; waited += 50) {
        await mounted;
        if (current?.id === sectionId && sectionEditor) return;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    personName: (userId) => members?.find((m) => m.id === userId)?.name,
  });
  const element = h(
    'section',
    { class: 'section-panel', 'aria-labelledby': 'section-title' },
    head,
    metaSlot,
    banner,
    find.element,
    toolbarSlot,
    host,
    wordCountSlot,
    reviewHost,
    blocksHost,
  );
  // Ctrl+F in the text or the blocks searches the document rather than the page.
  element.addEventListener('keydown', (event) => {
    if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'f') {
      event.preventDefault();
      find.open();
    }
  });
  // One switch for the session: suggesting stays on from one chapter to the next.
  const suggesting: SuggestionModeState = { enabled: false, enforced: false, user: { id: session.user.id, name: session.user.name } };
  let review: ReviewPanel | null = null;

  // Fetched once per open project, when the first block offering a link needs it.
  let pmpItemsRequest: Promise<PmpItems> | null = null;
  const pmpItems = (): Promise<PmpItems> => (pmpItemsRequest ??= request<PmpItems>('GET', `/api/projects/${session.projectId}/pmp-items`));
  let revoked = false;
  let members: Member[] | null = null;
  let current: { id: string; reason: ReadOnlyReason; blocksKey: string; canManage: boolean; reviewOnly: boolean; canDecide: boolean } | null = null;
  let shown: NumberedSection | null = null;
  let meta: ReturnType<typeof createSectionMeta> | null = null;
  let sectionEditor: SectionEditor | null = null;
  let blocks: { destroy(): void } | null = null;
  let toolbar: { destroy(): void } | null = null;
  let unbindUndoKeys: (() => void) | null = null;
  let wordCount: { destroy(): void } | null = null;
  let generation = 0;
  let mounted: Promise<void> = Promise.resolve();

  const unmount = (): void => {
    generation += 1;
    toolbar?.destroy();
    toolbar = null;
    unbindUndoKeys?.();
    unbindUndoKeys = null;
    wordCount?.destroy();
    wordCount = null;
    wordCountSlot.replaceChildren();
    // Destroying the editor destroys the section's history with it.
    sectionEditor?.destroy();
    sectionEditor = null;
    blocks?.destroy();
    blocks = null;
    review?.destroy();
    review = null;
    reviewHost.replaceChildren();
    meta?.destroy();
    meta = null;
    metaSlot.replaceChildren();
    toolbarSlot.replaceChildren();
    host.replaceChildren();
    blocksHost.replaceChildren();
  };

  const renderHead = (section: NumberedSection, locked: boolean): void => {
    const { node, number } = section;
    replaceChildren(
      head,
      h(
        'p',
        { class: 'section-kicker' },
        h('span', { class: `status-badge status-${node.status}` }, srOnly('Statut : '), statusLabel[node.status]),
        node.mandatory ? h('span', { class: 'mandatory-badge' }, 'obligatoire') : null,
        locked ? h('span', { class: 'locked-badge' }, 'verrouillée') : null,
      ),
      h('h2', { id: 'section-title', tabindex: '-1' }, h('span', { class: 'section-number' }, number), ' ', node.title || 'Section sans titre'),
      node.legalBasis ? h('p', { class: 'legal-basis' }, h('strong', {}, 'Base légale : '), node.legalBasis) : null,
      node.guidance
        ? h(
            'details',
            // On a phone the advice folds away, so that the text comes first.
            { class: 'guidance', open: !matchMedia('(max-width: 40rem)').matches },
            h('summary', { class: 'guidance-title' }, 'Conseils de rédaction'),
            h('p', { class: 'guidance-text' }, node.guidance),
          )
        : null,
    );
  };

  const renderBanner = (reason: ReadOnlyReason): void => {
    banner.hidden = reason === null;
    if (reason) replaceChildren(banner, h('strong', {}, 'Lecture seule'), readOnlyText[reason]);
  };

  const mountEditor = (section: NumberedSection, editable: boolean, access: { reviewOnly: boolean; canDecide: boolean; canManage: boolean }): void => {
    const mine = generation;
    const writes = editable && !access.reviewOnly;
    suggesting.enforced = access.reviewOnly;
    if (access.reviewOnly) suggesting.enabled = true;
    host.replaceChildren(loadingLine('Chargement du texte de la section…'));
    mounted = session.ready.then(() => {
      if (mine !== generation) return;
      host.replaceChildren();
      const title = `${section.number} ${section.node.title}`;
      const history = editable ? createSectionUndo(session.doc, section.node.id) : undefined;
      const images = writes ? imageNotices() : undefined;
      const imageRefusals = editable && !writes ? imageNotices() : undefined;
      sectionEditor = createSectionEditor({
        element: host,
        session,
        sectionId: section.node.id,
        editable,
        title,
        suggestionMode: editable ? suggesting : undefined,
        history,
        images,
        imageRefusals,
      });
      if (history) unbindUndoKeys = bindUndoKeys(blocksHost, history);
      const words = createWordCount(sectionEditor.editor, session.doc);
      wordCount = words;
      wordCountSlot.replaceChildren(words.element);
      review = createReviewPanel({
        projectId: session.projectId,
        doc: session.doc,
        sectionId: section.node.id,
        user: suggesting.user,
        canDecide: access.canDecide && writes,
        canComment: editable,
        canModerate: access.canManage,
        mode: editable ? suggesting : null,
        members: members ?? [],
      });
      review.setEditor(sectionEditor.editor);
      reviewHost.replaceChildren(review.element);
      if (writes) {
        const picker = images && imagePicker(sectionEditor.editor, session.projectId, images);
        const bar = createToolbar(sectionEditor.editor, sectionTextId, history, picker?.open, () => find.open());
        toolbar = bar;
        toolbarSlot.replaceChildren(bar.element, ...(picker && images ? [picker.element, images.element] : []));
      } else {
        toolbarSlot.replaceChildren(
          h(
            'p',
            { class: 'find-open-line' },
            h(
              'button',
              { type: 'button', class: 'button button-secondary button-small', id: 'find-open', onclick: () => find.open() },
              'Rechercher dans le document',
            ),
          ),
          ...(imageRefusals ? [imageRefusals.element] : []),
        );
      }
      if (section.node.blocks.length > 0) {
        blocks = mountStructuredBlocks(blocksHost, {
          doc: session.doc,
          sectionId: section.node.id,
          blocks: section.node.blocks,
          editable: writes,
          pmpItems,
          people,
        });
      }
      find.sectionShown();
    });
  };

  return {
    element,
    /**
     * Shows a section (or the "missing section" notice). `reason` says why it is read-only; the
     * editor and blocks are re-created only when the section, that reason or the blocks change.
     */
    show(section: NumberedSection | null, requestedId: string | null, access: SectionAccess): void {
      shown = section;
      if (!section) {
        unmount();
        current = null;
        renderBanner(null);
        replaceChildren(
          head,
          h('h2', { id: 'section-title', tabindex: '-1' }, 'Section introuvable'),
          h(
            'p',
            { class: 'alert alert-info' },
            requestedId
              ? 'Cette section n’existe pas ou plus dans le document (elle a pu être supprimée ou déplacée). Choisissez une section dans le sommaire.'
              : 'Choisissez une section dans le sommaire.',
          ),
        );
        return;
      }
      const reason: ReadOnlyReason = revoked ? 'revoked' : access.reason;
      const canManage = access.canManage && !revoked;
      const blocksKey = section.node.blocks.join(',');
      renderHead(section, access.locked);
      renderBanner(reason);
      sectionEditor?.setTitle(`${section.number} ${section.node.title}`);
      const { reviewOnly, canDecide } = access;
      const same =
        current &&
        current.id === section.node.id &&
        current.reason === reason &&
        current.blocksKey === blocksKey &&
        current.canManage === canManage &&
        current.reviewOnly === reviewOnly &&
        current.canDecide === canDecide;
      if (!same) {
        unmount();
        current = { id: section.node.id, reason, blocksKey, canManage, reviewOnly, canDecide };
        meta = createSectionMeta({
          projectId: session.projectId,
          doc: session.doc,
          sectionId: section.node.id,
          canSetStatus: reason === null && !reviewOnly,
          canManage,
          pmpItems,
        });
        metaSlot.replaceChildren(meta.element);
        // Writers may put a part back as it was in a frozen version (server-side, audited).
        if (reason === null && !reviewOnly)
          metaSlot.append(restoreControl({ projectId: session.projectId, sectionId: section.node.id, hasBlocks: section.node.blocks.length > 0 }));
        mountEditor(section, reason === null, { reviewOnly, canDecide, canManage });
      }
      meta?.update({ node: section.node, members });
    },
    /** The project's members, once known: names of assignees, choices of the coordinator. */
    setMembers(list: Member[]): void {
      members = list;
      people.set(list.map((m) => ({ id: m.id, name: m.name })));
      review?.setMembers(list);
      if (shown) meta?.update({ node: shown.node, members });
    },
    /** Focuses the element of a completeness path once the section's editor and blocks are there. */
    async focusPath(path: string): Promise<void> {
      const mine = generation;
      await mounted;
      if (mine !== generation) return;
      if (!focusPath(element, path)) element.querySelector<HTMLElement>('#section-title')?.focus();
    },
    /** Opens the find bar looking for `words` (a result of the search across projects). */
    find(words: string): void {
      // After the document's first sync and the section's mounting: there is something to find.
      void mounted.then(() => find.open(words));
    },
    /** Turns editing off for good (the server refused access). */
    revoke(): void {
      if (revoked) return;
      revoked = true;
      if (current?.reason === null) {
        current.reason = 'revoked';
        renderBanner('revoked');
        toolbar?.destroy();
        toolbar = null;
        toolbarSlot.replaceChildren();
        sectionEditor?.editor.setEditable(false);
        review?.destroy();
        review = null;
        reviewHost.replaceChildren();
        // The blocks and status controls come back read-only.
        blocks?.destroy();
        if (shown && shown.node.blocks.length > 0) {
          blocks = mountStructuredBlocks(blocksHost, {
            doc: session.doc,
            sectionId: shown.node.id,
            blocks: shown.node.blocks,
            editable: false,
            pmpItems,
            people,
          });
        }
        meta?.destroy();
        meta = createSectionMeta({ projectId: session.projectId, doc: session.doc, sectionId: current.id, canSetStatus: false, canManage: false });
        metaSlot.replaceChildren(meta.element);
        if (shown) meta.update({ node: shown.node, members });
      }
    },
    destroy(): void {
      unmount();
      find.destroy();
    },
  };
}

export type SectionPanel = ReturnType<typeof createSectionPanel>;
