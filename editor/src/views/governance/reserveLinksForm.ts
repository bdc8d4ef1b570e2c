import type { CommentThreadView as ThreadSummary } from '../../../../schemas/api/review';
import type { ReserveItem } from '../../../../schemas/actReserves';
import { api, request } from '../../api';
import { h, replaceChildren } from '../../dom';
import { flattenOutline } from '../../outlineNumbering';
import { gov, type Act } from './govApi';
import { errorText } from './ui';
import { createLoader, loadingLine } from '../../ui/load';

/** A comment thread as GET /api/projects/:id/comments lists it (the fields this form shows). */
const linesOf = (text: string): string[] =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/**
 * For the séance's secretary, on an avis « favorable avec réserves »: states its réserves one by
 * one and links each to the comment threads and chapters it concerns (PUT /api/acts/:id/reserves),
 * so the team sees in the editor what the instance asked for where it applies. The threads are
 * loaded when the form is opened (the secretary must read the project: else the form says so).
 */
export function reserveLinksForm(act: Act, helpers: { reload(message: string): void; fail(error: unknown, what: string): void }): HTMLElement | null {
  if (act.annulled || act.outcome !== 'favorable_reserves') return null;
  const body = h('div', { class: 'reserve-links-body' }, loadingLine('Chargement des commentaires du projet…'));
  const details = h('details', { class: 'reserve-links', 'data-act-id': act.id }, h('summary', {}, 'Relier les réserves aux commentaires et chapitres'), body);
  const loader = createLoader(body, {
    load: () => Promise.all([request<ThreadSummary[]>('GET', `/api/projects/${encodeURIComponent(act.projectId)}/comments`), api.project(act.projectId)]),
    show: ([threads, project]) =>
      replaceChildren(
        body,
        form(
          act,
          threads,
          flattenOutline(project.sections).map((s) => ({ id: s.node.id, title: `${s.number} ${s.node.title}` })),
          helpers,
        ),
      ),
    failed: (error) => [
      h(
        'p',
        { class: 'alert alert-info' },
        `Les commentaires du projet ne sont pas accessibles (${errorText(error)}) : un coordonnateur du projet peut vous y inscrire comme lecteur.`,
      ),
    ],
  });
  let loaded = false;
  details.addEventListener('toggle', () => {
    if (!details.open || loaded) return;
    loaded = true;
    loader.reload();
  });
  return details;
}

function form(
  act: Act,
  threads: ThreadSummary[],
  sections: { id: string; title: string }[],
  helpers: { reload(message: string): void; fail(error: unknown, what: string): void },
): HTMLElement {
  const titleOf = new Map(sections.map((s) => [s.id, s.title]));
  const initial: ReserveItem[] =
    act.reserveItems.length > 0 ? act.reserveItems : linesOf(act.reserves).map((text) => ({ text, commentIds: [], sectionIds: [] }));
  const list = h('ol', { class: 'reserve-link-items' });
  const status = h('p', { role: 'status', class: 'inline-status' });

  const itemRow = (item: ReserveItem): HTMLElement => {
    const n = list.children.length;
    const id = `reserve-${act.id}-${n}`;
    const box = (kind: 'comment' | 'section', value: string, checked: boolean, label: string) => {
      const input = h('input', { type: 'checkbox', id: `${id}-${kind}-${value}`, 'data-kind': kind, value });
      input.checked = checked;
      return h('li', {}, input, ' ', h('label', { for: input.id }, label));
    };
    const text = h('textarea', { id: `${id}-text`, rows: 2, maxlength: 2000, class: 'reserve-text' });
    text.value = item.text;
    return h(
      'li',
      { class: 'reserve-link-item' },
      h('label', { for: text.id }, `Réserve ${n + 1}`),
      text,
      h(
        'fieldset',
        {},
        h('legend', {}, 'Commentaires concernés'),
        threads.length === 0
          ? h('p', { class: 'form-hint' }, 'Aucun commentaire dans ce projet.')
          : h(
              'ul',
              { class: 'checkbox-list' },
              ...threads.map((t) =>
                box(
                  'comment',
                  t.id,
                  item.commentIds.includes(t.id),
                  `${titleOf.get(t.sectionId) ?? t.sectionId} — « ${t.anchor.text} » (${t.author.name} : ${t.body.slice(0, 80)})`,
                ),
              ),
            ),
      ),
      h(
        'details',
        {},
        h('summary', {}, 'Chapitres entiers concernés'),
        h('ul', { class: 'checkbox-list' }, ...sections.map((s) => box('section', s.id, item.sectionIds.includes(s.id), s.title))),
      ),
    );
  };
  for (const item of initial.length > 0 ? initial : [{ text: '', commentIds: [], sectionIds: [] }]) list.append(itemRow(item));

  const read = (): ReserveItem[] =>
    [...list.querySelectorAll<HTMLElement>(':scope > li')]
      .map((li) => {
        const checked = (kind: string) => [...li.querySelectorAll<HTMLInputElement>(`input[data-kind="${kind}"]:checked`)].map((i) => i.value);
        return { text: li.querySelector<HTMLTextAreaElement>('textarea')!.value.trim(), commentIds: checked('comment'), sectionIds: checked('section') };
      })
      .filter((item) => item.text !== '');

  const submit = h('button', { type: 'submit', class: 'button' }, 'Enregistrer les réserves');
  const el = h(
    'form',
    { class: 'reserve-links-form' },
    h(
      'p',
      { class: 'form-hint' },
      'Une réserve par ligne du procès-verbal ; cochez les commentaires et les chapitres qu’elle concerne. Le texte de l’avis reste tel qu’enregistré.',
    ),
    list,
    h(
      'button',
      { type: 'button', class: 'button button-tertiary', onclick: () => list.append(itemRow({ text: '', commentIds: [], sectionIds: [] })) },
      'Ajouter une réserve',
    ),
    ' ',
    submit,
    status,
  );
  el.addEventListener('submit', async (event) => {
    event.preventDefault();
    submit.disabled = true;
    try {
      const items = read();
      await gov.setReserves(act.id, items);
      helpers.reload(`Réserves enregistrées : ${items.length}.`);
    } catch (error) {
      submit.disabled = false;
      helpers.fail(error, 'Réserves non enregistrées');
    }
  });
  return el;
}
