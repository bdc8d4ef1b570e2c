import { api, ApiError } from '../../api';
import { h, replaceChildren, type Child } from '../../dom';
import { mountPage, type Page } from '../../ui/page';
import type { View } from '../view';
import type { AcceptedSuggestion } from '../../../../schemas/api/acceptedSuggestions';
import { formatInstant } from './dates';
import { changeLabel, collapseUnchanged, type LineOp } from './diffModel';
import { gov, type SectionDiff, type VersionDiff } from './govApi';
import { govHash } from './routes';
import { tag } from './ui';

const opPrefix = { added: '+', removed: '−', equal: ' ' } as const;
const opSpoken = { added: 'Ajouté : ', removed: 'Supprimé : ', equal: 'Inchangé : ' } as const;

function sideName(side: { id: string; number?: number; label?: string }): string {
  return side.id === 'current' ? 'le texte actuel' : `la version ${side.number ?? ''}${side.label ? ` « ${side.label} »` : ''}`;
}

/** "Ajout « au moins » proposé par Pr Paul Relecteur, accepté par Dr Claire Martin le 03/12/2026 à 10:12". */
function acceptedText(a: AcceptedSuggestion): string {
  const text = a.text.replace(/\s+/g, ' ').trim();
  const what = a.kind === 'insert' ? `Ajout « ${text} » proposé` : `Suppression de « ${text} » proposée`;
  return `${what} par ${a.author.name || 'un ancien membre'}, ${a.kind === 'insert' ? 'accepté' : 'acceptée'} par ${a.acceptedBy.name} le ${formatInstant(a.acceptedAt)}`;
}

/** After a changed line: whose suggestion it came from and who accepted it. */
function lineOrigin(line: LineOp, accepted: AcceptedSuggestion[]): HTMLElement | null {
  const from = accepted.filter((a) => line.acceptedSuggestionIds?.includes(a.id));
  if (from.length === 0) return null;
  const people = from.map((a) => `suggestion de ${a.author.name || 'un ancien membre'}, acceptée par ${a.acceptedBy.name}`);
  return h('span', { class: 'diff-origin' }, ` (${[...new Set(people)].join(' ; ')})`);
}

function acceptedList(accepted: AcceptedSuggestion[]): HTMLElement | null {
  if (accepted.length === 0) return null;
  return h(
    'div',
    { class: 'diff-accepted' },
    h('p', {}, `Suggestions acceptées entre les deux versions (${accepted.length}) :`),
    h('ul', {}, ...accepted.map((a) => h('li', { 'data-suggestion-id': a.id }, acceptedText(a)))),
  );
}

function sectionBlock(s: SectionDiff, index: number, showAll: boolean): HTMLElement {
  const headingId = `diff-section-${index}`;
  const tone = s.change === 'added' ? 'ok' : s.change === 'removed' ? 'danger' : 'warn';
  const lines = s.text ? (showAll ? s.text.lines.map((line) => ({ kind: 'line' as const, line })) : collapseUnchanged(s.text.lines, 1)) : [];
  return h(
    'section',
    { class: `diff-section change-${s.change}`, 'aria-labelledby': headingId, 'data-section-id': s.sectionId, 'data-change': s.change },
    h('h2', { id: headingId }, s.title, ' ', tag(`section ${changeLabel[s.change]}`, tone)),
    s.titleBefore ? h('p', {}, `Renommée : auparavant « ${s.titleBefore} ».`) : null,
    s.moved ? h('p', {}, 'Déplacée dans le plan.') : null,
    s.text
      ? h(
          'div',
          { class: 'diff-text' },
          h('p', { class: 'diff-counts' }, `${s.text.added} ligne(s) ajoutée(s), ${s.text.removed} ligne(s) supprimée(s).`),
          h(
            'ol',
            { class: 'diff-lines' },
            ...lines.map((chunk) =>
              chunk.kind === 'gap'
                ? h('li', { class: 'diff-gap' }, `… ${chunk.count} ligne(s) identique(s) …`)
                : h(
                    'li',
                    { class: `diff-line op-${chunk.line.op}` },
                    h('span', { class: 'diff-prefix', 'aria-hidden': 'true' }, opPrefix[chunk.line.op]),
                    h('span', { class: 'sr-only' }, opSpoken[chunk.line.op]),
                    chunk.line.op === 'added'
                      ? h('ins', {}, chunk.line.text || '(ligne vide)')
                      : chunk.line.op === 'removed'
                        ? h('del', {}, chunk.line.text || '(ligne vide)')
                        : h('span', {}, chunk.line.text),
                    lineOrigin(chunk.line, s.accepted ?? []),
                  ),
            ),
          ),
        )
      : s.change === 'changed'
        ? h('p', { class: 'form-hint' }, 'Texte inchangé.')
        : null,
    acceptedList(s.accepted ?? []),
    s.structured.length
      ? h(
          'div',
          { class: 'diff-structured' },
          h('p', {}, 'Parties structurées :'),
          // The server words each change with its agreement ("objectif … ajouté", "filière … ajoutée").
          h('ul', { class: 'diff-structured' }, ...s.structured.map((p) => h('li', { 'data-change': p.change }, p.text))),
        )
      : null,
  );
}

/** Differences between two versions (or a version and the current text), section by section. */
export function mountDiffPage(main: HTMLElement, projectId: string, from: string, to: string): View {
  let showAll = false;

  const render = (diff: VersionDiff, projectTitle: string, page: Page): Child[] => {
    const title = `Différences entre ${sideName(diff.from)} et ${sideName(diff.to)}`;
    page.setTitle(title, projectTitle);
    const sections = h('div', { class: 'diff-sections' });
    const fill = (): void => replaceChildren(sections, ...diff.sections.map((s, i) => sectionBlock(s, i, showAll)));
    const toggle = h('input', { type: 'checkbox', id: 'diff-show-all' });
    toggle.addEventListener('change', () => {
      showAll = toggle.checked;
      fill();
    });
    fill();
    return [
      h('p', { class: 'breadcrumb' }, h('a', { href: govHash({ page: 'timeline', projectId }) }, `Retour au calendrier d’approbation de « ${projectTitle} »`)),
      h('h1', { tabindex: '-1' }, title),
      h('p', { class: 'lead diff-summary' }, diff.summary),
      diff.title ? h('p', {}, `Titre du document modifié : « ${diff.title.before} » devient « ${diff.title.after} ».`) : null,
      diff.sections.length
        ? h('p', { class: 'diff-toggle' }, toggle, h('label', { for: 'diff-show-all' }, ' Afficher aussi les lignes inchangées'))
        : h('p', { class: 'alert alert-info' }, 'Aucune différence : les deux textes sont identiques.'),
      sections,
    ];
  };

  return mountPage(main, {
    title: 'Comparer des versions',
    className: 'page gov-page diff-page',
    loading: 'Calcul des différences…',
    errorHeading: (error) => (error instanceof ApiError && error.status === 404 ? 'Version introuvable' : 'Comparer des versions'),
    load: () => Promise.all([gov.diff(projectId, from, to), api.project(projectId)]),
    render: ([diff, project], page) => render(diff, project.title, page),
  });
}
