import type * as Y from 'yjs';
import { etablissementsOf, fichesActionsMap, filieresMap } from '../../../schemas/structured';
import { addFicheAction } from '../../../schemas/structuredEdits';
import type { BlockContext } from './context';
import { createFicheActionCard, type Option } from './ficheActionCard';
import { text } from './records';
import { createSectionRecordsBlock } from './sectionRecordsBlock';

/** The filières of the whole document, for the fiche-action's "Filière" choice. */
function filiereOptions(doc: Y.Doc): Option[] {
  const all: { id: string; name: string }[] = [];
  filieresMap(doc).forEach((record, id) => all.push({ id, name: text(record.get('name')).trim() || 'filière sans nom' }));
  all.sort((a, b) => a.name.localeCompare(b.name, 'fr') || a.id.localeCompare(b.id));
  return [{ value: '', label: '— aucune —' }, ...all.map((f) => ({ value: f.id, label: f.name }))];
}

/** The fiches-actions of a section; a change refreshes only the fiche it touches. */
export function createFichesActionsBlock(ctx: BlockContext) {
  let filieres = filiereOptions(ctx.doc);
  const block = createSectionRecordsBlock(ctx, {
    kind: 'fiches',
    root: fichesActionsMap(ctx.doc),
    title: 'Fiches-actions',
    hint: 'Chaque fiche-action porte ses pilotes, ses étapes datées et ses indicateurs (valeur d’origine et valeur cible, avec leurs dates).',
    emptyText: 'Aucune fiche-action n’est encore rédigée.',
    addLabel: 'Ajouter une fiche-action',
    add: () => addFicheAction(ctx.doc, ctx.sectionId, { title: '' }),
    announce: { added: 'Une fiche-action a été ajoutée par un autre rédacteur.', removed: 'Une fiche-action a été supprimée par un autre rédacteur.' },
    create: (id, record, onRemoved) =>
      createFicheActionCard(ctx, id, record, { filiereOptions: filieres, etablissements: etablissementsOf(ctx.doc), onRemoved }),
  });

  const onFilieres = (): void => {
    const next = filiereOptions(ctx.doc);
    if (JSON.stringify(next) === JSON.stringify(filieres)) return;
    filieres = next;
    for (const card of block.views.values()) card.setFiliereOptions(next);
  };
  filieresMap(ctx.doc).observeDeep(onFilieres);

  return {
    element: block.element,
    destroy(): void {
      block.destroy();
      filieresMap(ctx.doc).unobserveDeep(onFilieres);
    },
  };
}
