import type { SearchHit } from '../../../schemas/api/search';
import { limits } from '../../../schemas/limits';
import { api, ApiError } from '../api';
import { h } from '../dom';
import { requestFind } from '../findRequest';
import { kindText } from '../labels';
import { hashFor } from '../router';
import { govHash } from './governance/routes';
import type { View } from './view';
import { errorMessage } from '../ui/errors';
import { mountPage } from '../ui/page';

/** The words around a hit, the match itself marked. */
function snippet(hit: SearchHit): HTMLElement {
  const { text, start, end } = hit.snippet;
  return h('p', { class: 'search-snippet' }, text.slice(0, start), h('mark', {}, text.slice(start, end)), text.slice(end));
}

function hitItem(hit: SearchHit, query: string): HTMLLIElement {
  // An ARS reader reads the version received, from the ARS portal; members open the section.
  const href = hit.versionId ? govHash({ page: 'ars' }) : hashFor({ name: 'project', projectId: hit.projectId, sectionId: hit.sectionId });
  const link = h('a', { href, class: 'search-hit-link', 'data-section-id': hit.sectionId }, hit.sectionTitle || 'Section sans titre');
  if (!hit.versionId) link.addEventListener('click', () => requestFind(hit.projectId, hit.sectionId, query));
  return h(
    'li',
    { class: 'search-hit' },
    h('p', { class: 'search-hit-where' }, link, h('span', { class: 'search-hit-label' }, ` — ${hit.label}`)),
    snippet(hit),
  );
}

/** Hits of one project (or one received version) under its title. */
function groups(hits: SearchHit[]): SearchHit[][] {
  const byKey = new Map<string, SearchHit[]>();
  for (const hit of hits) {
    const key = `${hit.projectId}/${hit.versionId ?? ''}`;
    byKey.set(key, [...(byKey.get(key) ?? []), hit]);
  }
  return [...byKey.values()];
}

const plural = (n: number, word: string): string => `${n} ${word}${n > 1 ? 's' : ''}`;

/** « Rechercher dans mes projets »: the search box and the hits, each opening its section. */
export function mountSearchPage(main: HTMLElement, query: string): View {
  const input = h('input', {
    type: 'search',
    id: 'search-query',
    name: 'q',
    value: query,
    maxlength: String(limits.searchQueryLength),
    autocomplete: 'off',
    'aria-describedby': 'search-hint',
  });
  const form = h(
    'form',
    { class: 'search-form', role: 'search' },
    h('label', { for: 'search-query' }, 'Mots à rechercher'),
    h('p', { class: 'hint', id: 'search-hint' }, 'Dans le texte et les tableaux de vos projets, sans tenir compte des accents ni des majuscules.'),
    h('div', { class: 'search-row' }, input, h('button', { type: 'submit', class: 'button button-primary' }, 'Rechercher')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    location.hash = hashFor({ name: 'search', query: input.value.trim() });
  });
  // The status line says what the search is doing, found or refused (a live region present from the start).
  const status = h('p', { class: 'search-status', role: 'status' }, query ? 'Recherche en cours…' : '');
  return mountPage(main, {
    title: query ? `Recherche « ${query} »` : 'Rechercher',
    className: 'search-results',
    loading: null,
    shell: (results) => h('div', { class: 'page search-page' }, h('h1', { tabindex: '-1' }, 'Rechercher dans mes projets'), form, status, results),
    load: () => (query ? api.search(query) : Promise.resolve(null)),
    render: (result) => {
      if (!result) return [];
      status.textContent =
        result.hits.length === 0
          ? `Aucun résultat pour « ${query} ».`
          : `${plural(result.total, 'résultat')} pour « ${query} »${result.truncated ? ` (les ${result.hits.length} premiers sont affichés)` : ''}.`;
      return groups(result.hits).map((hits) => {
        const first = hits[0]!;
        return h(
          'section',
          { class: 'search-project', 'data-project-id': first.projectId },
          h(
            'h2',
            {},
            first.projectTitle,
            h('span', { class: 'search-project-kind' }, ` · ${kindText(first.projectKind)}`),
            first.versionLabel ? ` — version reçue : ${first.versionLabel}` : null,
          ),
          h('ul', { class: 'search-hits' }, ...hits.map((hit) => hitItem(hit, query))),
        );
      });
    },
    failed: (error) => {
      const field = error instanceof ApiError ? error.fields[0] : undefined;
      status.textContent = field ? `Recherche impossible : ${field.message}.` : `Recherche impossible : ${errorMessage(error)}`;
      input.setAttribute('aria-invalid', 'true');
      return [];
    },
  });
}
