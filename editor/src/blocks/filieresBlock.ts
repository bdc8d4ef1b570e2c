import { etablissementsOf, filieresMap } from '../../../schemas/structured';
import { addFiliere } from '../../../schemas/structuredEdits';
import type { BlockContext } from './context';
import { createFiliereCard } from './filiereCard';
import { createSectionRecordsBlock } from './sectionRecordsBlock';

/**
 * The filières of a section (PMP R6132-3 I 4°), each with its matrix of modalities ×
 * établissements. Only the filière a change touches is refreshed; the others are left alone.
 */
export function createFilieresBlock(ctx: BlockContext) {
  const meta = ctx.doc.getMap<unknown>('meta');
  let etablissements = etablissementsOf(ctx.doc);
  let etablissementsKey = JSON.stringify(etablissements);
  const block = createSectionRecordsBlock(ctx, {
    kind: 'filieres',
    root: filieresMap(ctx.doc),
    title: 'Filières',
    hint: 'Pour chaque filière, décrivez l’organisation des activités de chaque établissement pour les huit modalités (a à h) ; une modalité sans objet se signale comme telle.',
    emptyText: 'Aucune filière n’est encore déclarée.',
    addLabel: 'Ajouter une filière',
    add: () => addFiliere(ctx.doc, ctx.sectionId, ''),
    announce: { added: 'Une filière a été ajoutée par un autre rédacteur.', removed: 'Une filière a été supprimée par un autre rédacteur.' },
    create: (id, record, onRemoved) => createFiliereCard(ctx, id, record, etablissements, onRemoved),
  });

  const onMeta = (): void => {
    const next = etablissementsOf(ctx.doc);
    const key = JSON.stringify(next);
    if (key === etablissementsKey) return;
    etablissements = next;
    etablissementsKey = key;
    for (const card of block.views.values()) card.setEtablissements(next);
  };
  meta.observe(onMeta);

  return {
    element: block.element,
    destroy(): void {
      block.destroy();
      meta.unobserve(onMeta);
    },
  };
}
