import * as Y from 'yjs';
import { modalities } from '../../../schemas/modalities';
import type { Etablissement } from '../../../schemas/structured';
import { personFields, personLabels } from '../../../schemas/fichePeople';
import { h } from '../dom';
import type { BlockContext } from './context';
import { createEtablissementsChoice } from './etablissementsChoice';
import { createEtapesList } from './etapesList';
import { mapField, textMapField } from './fieldBinding';
import { selectField, textField } from './fields';
import { nextId } from './ids';
import { createIndicatorTable } from './indicatorTable';
import type { RecordView } from './keyedList';
import { paths } from './paths';
import { createPersonField } from './personField';
import { createPmpLinkField } from './pmpLinkField';
import { removeRecordButton } from './removeRecordButton';
import { text } from './records';

export type Option = { value: string; label: string };

const modalityOptions: Option[] = [{ value: '', label: '— non précisée —' }, ...modalities.map((m) => ({ value: m.id, label: `${m.letter}) ${m.label}` }))];

/**
 * One fiche-action: titre, filière, objectif, modalité, établissements concernés, the three
 * pilots, its étapes and its indicator table.
 */
export function createFicheActionCard(
  ctx: BlockContext,
  ficheId: string,
  record: Y.Map<unknown>,
  options: { filiereOptions: Option[]; etablissements: Etablissement[]; onRemoved(): void },
): RecordView & { setFiliereOptions(list: Option[]): void } {
  const headingId = nextId('fiche');
  const title = () => text(record.get('title')).trim();
  const heading = h('h4', { id: headingId, class: 'record-title' });
  const field = (key: string) => textMapField(record, key);
  const pilotes = paths.ficheField(ctx.sectionId, ficheId, 'pilotes');
  const fields = [
    textField({
      label: 'Titre de la fiche-action',
      field: field('title'),
      editable: ctx.editable,
      path: paths.ficheField(ctx.sectionId, ficheId, 'title'),
      className: 'field-wide',
    }),
    textField({
      label: 'Objectif',
      field: field('objectif'),
      editable: ctx.editable,
      multiline: true,
      path: paths.ficheField(ctx.sectionId, ficheId, 'objectif'),
      className: 'field-wide',
    }),
  ];
  const people = personFields.map((key) =>
    createPersonField(record, key, {
      label: personLabels[key],
      people: ctx.people,
      editable: ctx.editable,
      path: key === 'directeurReferent' ? undefined : pilotes,
    }),
  );
  const filiere = selectField({ label: 'Filière', field: mapField(record, 'filiereId'), editable: ctx.editable, options: options.filiereOptions });
  const modality = selectField({ label: 'Modalité', field: mapField(record, 'modality'), editable: ctx.editable, options: modalityOptions });
  const pmpLink = ctx.pmpItems
    ? createPmpLinkField(record, { source: ctx.pmpItems, editable: ctx.editable, titleOf: () => `${title()} ${text(record.get('objectif'))}` })
    : null;
  const chosen = record.get('etablissements');
  const etablissements = createEtablissementsChoice(chosen instanceof Y.Array ? (chosen as Y.Array<string>) : undefined, options.etablissements, ctx.editable);
  const etapesArray = record.get('etapes');
  const etapes = etapesArray instanceof Y.Array ? createEtapesList(ctx, ficheId, etapesArray as Y.Array<Y.Map<unknown>>) : null;
  const indicators = createIndicatorTable(ctx, {
    ownerId: ficheId,
    path: paths.ficheIndicators(ctx.sectionId, ficheId),
    caption: 'Indicateurs de la fiche-action',
  });

  const removal = removeRecordButton(ctx, {
    root: 'fichesActions',
    id: ficheId,
    label: 'Supprimer la fiche-action',
    question: () => `Supprimer la fiche-action « ${title() || 'sans titre'} », ses étapes et ses indicateurs ?`,
    onRemoved: options.onRemoved,
  });

  const [titleField, objectifField] = fields;
  const element = h(
    'article',
    {
      class: 'record-card fiche-card',
      'aria-labelledby': headingId,
      'data-path': paths.fiche(ctx.sectionId, ficheId),
      'data-record-id': ficheId,
      tabindex: '-1',
    },
    heading,
    h(
      'div',
      { class: 'record-fields' },
      titleField!.element,
      filiere.element,
      modality.element,
      pmpLink?.element,
      objectifField!.element,
      etablissements.element,
    ),
    h('div', { class: 'record-fields pilots', role: 'group', 'aria-label': 'Pilotage' }, ...people.map((f) => f.element)),
    etapes?.element,
    h('div', { class: 'fiche-indicators' }, h('h5', { class: 'subblock-title' }, 'Indicateurs'), indicators.element),
    removal.actions,
  );

  const refresh = (): void => {
    heading.textContent = `Fiche-action : ${title() || 'sans titre'}`;
    removal.context.textContent = ` « ${title() || 'sans titre'} »`;
    for (const f of fields) f.refresh();
    for (const p of people) p.refresh();
    filiere.refresh();
    modality.refresh();
    pmpLink?.refresh();
    etablissements.refresh();
    etapes?.refresh();
  };
  refresh();
  return {
    element,
    refresh,
    setFiliereOptions(list) {
      filiere.setOptions(list);
    },
    destroy() {
      pmpLink?.destroy();
      etablissements.destroy();
      etapes?.destroy();
      indicators.destroy();
      for (const p of people) p.destroy();
    },
  };
}
