import type { BinEntry } from '../../../schemas/api/projectFiles';
import { ApiError, request } from '../api';
import { h } from '../dom';
import { formatInstantCompact } from '../ui/dates';
import { createLifetime, type Part } from '../ui/part';

const kindLabel: Record<BinEntry['root'], string> = {
  filieres: 'Filière',
  fichesActions: 'Fiche-action',
  objectifs: 'Objectif',
  indicatorTables: 'Indicateur',
};

/**
 * The coordinator's bin: the filières, fiches-actions, objectifs and indicators removed in the
 * editor, each with who removed it and when, and a button that puts it back for everyone.
 */
export function createBinPanel(projectId: string): Part {
  const life = createLifetime();
  const list = h('ul', { class: 'bin-list' });
  const status = h('p', { role: 'status', class: 'bin-status' });
  const base = `/api/projects/${encodeURIComponent(projectId)}/bin`;
  const load = (): void => {
    request<BinEntry[]>('GET', base).then(
      (entries) => {
        if (life.ended) return;
        list.replaceChildren(
          ...entries.map((entry) => {
            const button = h(
              'button',
              { type: 'button', class: 'button button-secondary button-small' },
              'Restaurer',
              h('span', { class: 'sr-only' }, ` ${entry.label || kindLabel[entry.root]}`),
            );
            button.addEventListener('click', () => {
              button.disabled = true;
              request('POST', `${base}/${entry.seq}/restore`, {}).then(
                () => {
                  status.textContent = `${kindLabel[entry.root]} « ${entry.label || 'sans nom'} » restauré(e).`;
                  load();
                },
                (e: unknown) => {
                  button.disabled = false;
                  status.textContent = e instanceof ApiError ? e.message : 'La restauration a échoué.';
                },
              );
            });
            return h(
              'li',
              { class: 'bin-entry', 'data-seq': String(entry.seq) },
              h(
                'span',
                {},
                h('strong', {}, `${kindLabel[entry.root]} « ${entry.label || 'sans nom'} »`),
                ` — supprimé(e) par ${entry.removedBy.name} le ${formatInstantCompact(entry.at)} `,
              ),
              button,
            );
          }),
        );
        if (entries.length === 0) list.replaceChildren(h('li', { class: 'empty' }, 'La corbeille est vide.'));
      },
      () => {
        if (!life.ended) status.textContent = 'La corbeille n’a pas pu être chargée.';
      },
    );
  };
  const element = h('details', { class: 'bin-panel' }, h('summary', {}, 'Corbeille'), list, status);
  element.addEventListener('toggle', () => {
    if (element.open) load();
  });
  return { element, destroy: life.end };
}
