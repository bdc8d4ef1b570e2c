import type { Editor } from '@tiptap/core';
import type * as Y from 'yjs';
import type { ReserveView } from '../../../schemas/actReserves';
import { addReply, addThread, commentsMap, setResolved } from '../../../schemas/comments';
import { readThreads, type CommentMessage, type CommentThread } from '../../../schemas/commentThreads';
import { fragmentName } from '../../../schemas/docLayout';
import { listSuggestions, type Suggestion } from '../../../schemas/suggestions';
import { ApiError, type Member } from '../api';
import { h, replaceChildren } from '../dom';
import { anchorOfSelection } from './commentAnchor';
import { attachMentionAutocomplete } from './mentionAutocomplete';
import { reviewApi, type DecisionAction } from './reviewApi';
import type { SuggestionModeState } from './suggestionMode';
import { formatInstantCompact } from '../ui/dates';
import { createLifetime, type Part } from '../ui/part';

export interface ReviewPanelOptions {
  projectId: string;
  doc: Y.Doc;
  sectionId: string;
  user: { id: string; name: string };
  /** Editors and coordinators decide on suggestions; reviewers and readers do not. */
  canDecide: boolean;
  /** Editors, coordinators and reviewers comment. */
  canComment: boolean;
  /** Coordinators resolve anyone's thread. */
  canModerate: boolean;
  /** The suggestion switch the section's editor reads (null for readers). */
  mode: SuggestionModeState | null;
  members: Member[];
}

const newId = () => `c${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
const kindLabel: Record<Suggestion['kind'], string> = { insert: 'Ajout', delete: 'Suppression' };
const time = formatInstantCompact;

/**
 * The side panel of a chapter (issue 21): its comment threads (live, with replies, resolve and
 * reopen) and its pending suggestions (accept or reject one, the chapter's, or one person's; the
 * last decision can be undone). Threads and suggestions live in the shared document, so the panel
 * redraws when they change.
 */
export function createReviewPanel(options: ReviewPanelOptions): ReviewPanel {
  const { doc, sectionId, user } = options;
  let members = options.members;
  let editor: Editor | null = null;
  let lastDecision: string | null = null;
  /** The instances' réserves (issue 21): a thread they name carries a badge, a section they name a notice. */
  let reserves: ReserveView[] = [];
  const status = h('p', { class: 'review-status', role: 'status' });
  const threadsHost = h('div', { class: 'review-threads' });
  const suggestionsHost = h('div', { class: 'review-suggestions' });
  const nameOf = (id: string) => members.find((m) => m.id === id)?.name ?? (id === user.id ? user.name : 'Ancien membre');
  const mentionable = () => members.filter((m) => m.id !== user.id);
  const mentionsIn = (body: string) => members.filter((m) => m.id !== user.id && body.includes(`@${m.name}`)).map((m) => m.id);
  const say = (text: string) => (status.textContent = text);

  const modeSwitch = (): HTMLElement | null => {
    const mode = options.mode;
    if (!mode) return null;
    if (mode.enforced)
      return h('p', { class: 'review-mode' }, 'Relecteur : vos modifications du texte sont des suggestions que les rédacteurs acceptent ou refusent.');
    const box = h('input', { type: 'checkbox', id: 'suggestion-mode', onchange: () => (mode.enabled = box.checked) });
    box.checked = mode.enabled;
    return h(
      'p',
      { class: 'review-mode' },
      box,
      ' ',
      h('label', { for: 'suggestion-mode' }, 'Mode suggestion (vos modifications sont proposées, pas appliquées)'),
    );
  };

  const commentForm = (): HTMLElement | null => {
    if (!options.canComment) return null;
    const body = h('textarea', { id: 'new-comment', rows: 3, maxlength: 4000, 'aria-label': 'Nouveau commentaire sur la sélection' });
    const submit = () => {
      const anchor = editor ? anchorOfSelection(editor) : null;
      const text = body.value.trim();
      if (!anchor) return say('Sélectionnez d’abord le passage à commenter dans le texte.');
      if (!text) return say('Écrivez votre commentaire.');
      doc.transact(() => addThread(doc, { id: newId(), authorId: user.id, body: text, mentions: mentionsIn(text), sectionId, anchor }));
      body.value = '';
      say('Commentaire publié.');
    };
    return h(
      'div',
      { class: 'review-new-comment' },
      h('label', { for: 'new-comment' }, 'Commenter le passage sélectionné (mentionnez un membre avec @Prénom Nom)'),
      body,
      attachMentionAutocomplete(body, mentionable),
      h('button', { type: 'button', class: 'button button-primary button-small', onclick: submit }, 'Commenter'),
    );
  };

  const message = (m: CommentMessage, extra: HTMLElement | null = null) =>
    h(
      'div',
      { class: 'review-message' },
      h('p', { class: 'review-meta' }, h('strong', {}, nameOf(m.authorId)), ` — ${time(m.createdAt)}`),
      h('p', { class: 'review-body' }, m.body),
      extra,
    );

  const threadView = (thread: CommentThread, drafts: Map<string, string>): HTMLElement => {
    const mayResolve = options.canComment && (thread.authorId === user.id || options.canModerate);
    const reply = h('textarea', { rows: 2, 'data-reply': thread.id, 'aria-label': 'Répondre' });
    reply.value = drafts.get(thread.id) ?? '';
    const sendReply = () => {
      const text = reply.value.trim();
      if (!text) return;
      doc.transact(() => addReply(doc, thread.id, { id: newId(), authorId: user.id, body: text, mentions: mentionsIn(text) }));
      reply.value = '';
    };
    const linked = reserves.filter((r) => r.commentIds.includes(thread.id));
    return h(
      'article',
      { class: `review-thread${thread.resolved ? ' resolved' : ''}${linked.length > 0 ? ' has-reserve' : ''}`, 'data-thread-id': thread.id },
      ...linked.map((r) => h('p', { class: 'review-reserve-badge', 'data-act-id': r.actId }, h('strong', {}, r.label), ` : ${r.text}`)),
      h(
        'blockquote',
        { class: `review-anchor${thread.anchor.detached ? ' detached' : ''}` },
        thread.anchor.detached ? `Texte supprimé : « ${thread.anchor.text} »` : `« ${thread.anchor.text} »`,
      ),
      message(thread),
      ...thread.replies.map((r) => message(r)),
      options.canComment && !thread.resolved
        ? h(
            'div',
            { class: 'review-reply' },
            reply,
            attachMentionAutocomplete(reply, mentionable),
            h('button', { type: 'button', class: 'button button-secondary button-small', onclick: sendReply }, 'Répondre'),
          )
        : null,
      mayResolve
        ? h(
            'button',
            {
              type: 'button',
              class: 'button button-secondary button-small',
              onclick: () => doc.transact(() => setResolved(doc, thread.id, !thread.resolved, user.id)),
            },
            thread.resolved ? 'Rouvrir' : 'Résoudre',
          )
        : null,
      thread.authorId === user.id && thread.replies.every((r) => r.authorId === user.id)
        ? h(
            'button',
            { type: 'button', class: 'button button-tertiary button-small', onclick: () => doc.transact(() => commentsMap(doc).delete(thread.id)) },
            'Supprimer',
          )
        : null,
    );
  };

  const decide = async (action: DecisionAction, scope: { ids?: string[]; sectionId?: string; authorId?: string }) => {
    try {
      const { decisionId, count } = await reviewApi.decide(options.projectId, { action, ...scope });
      lastDecision = decisionId;
      say(`${count} suggestion${count > 1 ? 's' : ''} ${action === 'accept' ? 'acceptée' : 'refusée'}${count > 1 ? 's' : ''}.`);
      renderSuggestions();
    } catch (error) {
      say(error instanceof ApiError ? error.message : 'La décision n’a pas pu être enregistrée.');
    }
  };

  const undo = async () => {
    if (!lastDecision) return;
    try {
      await reviewApi.undo(options.projectId, lastDecision);
      lastDecision = null;
      say('Décision annulée : les suggestions sont de nouveau en attente.');
      renderSuggestions();
    } catch (error) {
      say(error instanceof ApiError ? error.message : 'L’annulation a échoué.');
    }
  };

  function renderSuggestions(): void {
    const pending = listSuggestions(doc, [sectionId]);
    const authors = [...new Set(pending.map((s) => s.authorId))];
    replaceChildren(
      suggestionsHost,
      h('h3', {}, `Suggestions en attente (${pending.length})`),
      options.canDecide && pending.length > 0
        ? h(
            'p',
            { class: 'review-bulk' },
            h(
              'button',
              { type: 'button', class: 'button button-primary button-small', onclick: () => decide('accept', { sectionId }) },
              'Tout accepter dans ce chapitre',
            ),
            ' ',
            h('button', { type: 'button', class: 'button button-secondary button-small', onclick: () => decide('reject', { sectionId }) }, 'Tout refuser'),
            ...authors.map((authorId) =>
              h(
                'button',
                { type: 'button', class: 'button button-tertiary button-small', onclick: () => decide('accept', { authorId }) },
                `Accepter toutes celles de ${nameOf(authorId)}`,
              ),
            ),
          )
        : null,
      options.canDecide && lastDecision
        ? h('button', { type: 'button', class: 'button button-tertiary button-small', onclick: undo }, 'Annuler la dernière décision')
        : null,
      pending.length === 0 ? h('p', { class: 'review-empty' }, 'Aucune suggestion en attente.') : null,
      h(
        'ul',
        { class: 'review-suggestion-list' },
        ...pending.map((s) =>
          h(
            'li',
            { class: `review-suggestion suggestion-${s.kind}`, 'data-suggestion-id': s.id },
            h('p', { class: 'review-meta' }, h('strong', {}, `${kindLabel[s.kind]} — ${nameOf(s.authorId) || s.authorName}`), ` — ${time(s.at)}`),
            h('p', { class: 'review-body' }, `« ${s.text} »`),
            options.canDecide
              ? h(
                  'p',
                  {},
                  h('button', { type: 'button', class: 'button button-primary button-small', onclick: () => decide('accept', { ids: [s.id] }) }, 'Accepter'),
                  ' ',
                  h('button', { type: 'button', class: 'button button-secondary button-small', onclick: () => decide('reject', { ids: [s.id] }) }, 'Refuser'),
                )
              : null,
          ),
        ),
      ),
    );
  }

  const renderThreads = (): void => {
    // Replies being typed survive a redraw caused by someone else's change.
    const drafts = new Map([...threadsHost.querySelectorAll<HTMLTextAreaElement>('textarea[data-reply]')].map((t) => [t.dataset.reply!, t.value]));
    const focused = (document.activeElement as HTMLElement | null)?.dataset?.reply;
    const threads = readThreads(doc).filter((t) => t.sectionId === sectionId);
    const open = threads.filter((t) => !t.resolved);
    const resolved = threads.filter((t) => t.resolved);
    const onSection = reserves.filter((r) => r.sectionIds.includes(sectionId));
    replaceChildren(
      threadsHost,
      onSection.length > 0
        ? h(
            'div',
            { class: 'review-section-reserves' },
            h('h3', {}, 'Réserves des instances sur ce chapitre'),
            h('ul', {}, ...onSection.map((r) => h('li', { class: 'review-reserve-badge', 'data-act-id': r.actId }, h('strong', {}, r.label), ` : ${r.text}`))),
          )
        : null,
      h('h3', {}, `Commentaires ouverts (${open.length})`),
      open.length === 0 ? h('p', { class: 'review-empty' }, 'Aucun commentaire ouvert sur ce chapitre.') : null,
      ...open.map((t) => threadView(t, drafts)),
      resolved.length > 0
        ? h('details', {}, h('summary', {}, `Commentaires résolus (${resolved.length})`), ...resolved.map((t) => threadView(t, drafts)))
        : null,
    );
    if (focused) threadsHost.querySelector<HTMLTextAreaElement>(`textarea[data-reply="${CSS.escape(focused)}"]`)?.focus();
  };

  let timer: ReturnType<typeof setTimeout> | null = null;
  const life = createLifetime();
  const redraw = () => {
    if (timer) return;
    timer = setTimeout(() => {
      timer = null;
      renderThreads();
      renderSuggestions();
    }, 50);
  };
  const comments = commentsMap(doc);
  const fragment = doc.getXmlFragment(fragmentName(sectionId));
  comments.observeDeep(redraw);
  fragment.observeDeep(redraw);
  life.onEnd(() => {
    if (timer) clearTimeout(timer);
    comments.unobserveDeep(redraw);
    fragment.unobserveDeep(redraw);
  });

  const element = h(
    'aside',
    { class: 'review-panel', 'aria-label': 'Relecture : commentaires et suggestions' },
    h('h2', {}, 'Relecture'),
    modeSwitch(),
    commentForm(),
    status,
    threadsHost,
    suggestionsHost,
  );
  renderThreads();
  renderSuggestions();
  // Without them the panel still works: the badges only add where the instances' réserves apply.
  reviewApi.reserves(options.projectId).then(
    (list) => {
      if (life.ended) return;
      reserves = list;
      redraw();
    },
    () => undefined,
  );
  return {
    element,
    setEditor(value: Editor | null): void {
      editor = value;
    },
    setMembers(list: Member[]): void {
      members = list;
      redraw();
    },
    destroy: life.end,
  };
}

export interface ReviewPanel extends Part {
  /** The section's editor, once mounted: comments anchor on its selection. */
  setEditor(value: Editor | null): void;
  setMembers(list: Member[]): void;
}
