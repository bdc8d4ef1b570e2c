import type { JSONContent } from '@tiptap/core';
import { actKindLabels, actOutcomeLabels, instanceKindLabels } from '../../schemas/governance';
import type { ActView } from '../../schemas/api/governanceViews';
import { trajectoryStatusLabels, type FollowupIndicator } from '../../schemas/api/followup';
import { indicatorChartAlt } from '../../schemas/indicatorChartAlt';
import { formatIndicatorValue } from '../../schemas/indicatorUnits';
import type { BilanYear } from './bilanYear';
import { formatDateFr } from './parisTime';
import { trajectoryRuleFr } from './trajectory';

/**
 * The pre-filled text of a bilan annuel's parts (templates/documents/bilan.ts), as ProseMirror
 * JSON of the rich-text schema: the indicator table with the year's values and statuses and each
 * indicator's chart (an image stored with the bilan), the étapes done and late, the acts of the
 * year. The commentary part is left for the PCME or PCMG. French throughout; dates jj/mm/aaaa.
 */

const text = (value: string): JSONContent[] => (value ? [{ type: 'text', text: value }] : []);
const p = (value: string): JSONContent => ({ type: 'paragraph', content: text(value) });
const h3 = (value: string): JSONContent => ({ type: 'heading', attrs: { level: 3 }, content: text(value) });
const cell = (type: 'tableHeader' | 'tableCell', value: string): JSONContent => ({ type, content: [p(value)] });
const table = (header: string[], rows: string[][]): JSONContent => ({
  type: 'table',
  content: [
    { type: 'tableRow', content: header.map((c) => cell('tableHeader', c)) },
    ...rows.map((r) => ({ type: 'tableRow', content: r.map((c) => cell('tableCell', c)) })),
  ],
});
const list = (items: string[]): JSONContent => ({ type: 'bulletList', content: items.map((i) => ({ type: 'listItem', content: [p(i)] })) });

const dated = (v: { value: number; date: string } | null, indicator: FollowupIndicator, written: string): string =>
  v ? `${formatIndicatorValue(v.value, indicator.unit)} (${formatDateFr(v.date)})` : written || '—';

function yearValue(indicator: FollowupIndicator, year: number): string {
  const value = indicator.values.find((v) => v.year === year);
  return value ? formatIndicatorValue(value.value, indicator.unit) : 'non saisie';
}

export interface BilanSources {
  bilan: BilanYear;
  /** 'PM' or 'PMP': who presents it (PCME or PCMG). */
  parentKind: string;
  parentTitle: string;
  versionLabel: string;
  acts: ActView[];
  /** The src of each indicator's chart image, by indicator id. */
  charts: Map<string, string>;
}

export function bilanSections(input: BilanSources): Record<string, JSONContent> {
  const { bilan } = input;
  const count = (status: FollowupIndicator['status']) => bilan.indicators.filter((i) => i.status === status).length;
  const done = bilan.fiches.reduce((n, f) => n + f.done.length, 0);
  const late = bilan.fiches.reduce((n, f) => n + f.late.length, 0);
  const synthese = [
    p(`Bilan annuel ${bilan.year} du ${input.parentKind} « ${input.parentTitle} », sur sa version adoptée « ${input.versionLabel} ».`),
    p(
      `${bilan.indicators.length} indicateur(s) : ${count('on_track')} en bonne voie, ${count('at_risk')} à surveiller, ${count('off_track')} en retard, ${count('no_data')} sans donnée. Étapes des fiches-actions : ${done} faite(s) en ${bilan.year}, ${late} en retard au ${formatDateFr(bilan.asOf)}.`,
    ),
  ];
  const indicateurs: JSONContent[] = [
    table(
      ['Indicateur', 'Origine', `Valeur ${bilan.year}`, 'Cible', 'Statut'],
      bilan.indicators.map((i) => [
        i.label,
        dated(i.baseline, i, i.written.valeurOrigine),
        yearValue(i, bilan.year),
        dated(i.target, i, i.written.valeurCible),
        trajectoryStatusLabels[i.status],
      ]),
    ),
    p(`Règle du statut : ${trajectoryRuleFr}`),
  ];
  for (const indicator of bilan.indicators) {
    indicateurs.push(h3(indicator.label || 'Indicateur'));
    indicateurs.push(
      p(
        `Statut : ${trajectoryStatusLabels[indicator.status]}${indicator.expected !== null ? ` (attendu à la dernière mesure : ${formatIndicatorValue(Math.round(indicator.expected * 100) / 100, indicator.unit)})` : ''}.`,
      ),
    );
    const src = input.charts.get(indicator.id);
    if (src) indicateurs.push({ type: 'image', attrs: { src, alt: indicatorChartAlt(indicator) } });
  }
  const fiches: JSONContent[] = [];
  for (const fiche of bilan.fiches) {
    fiches.push(h3(fiche.title || 'Fiche-action'));
    const doneItems = fiche.done.map(
      (e) => `${e.label} — faite le ${formatDateFr(e.doneOn!)}${e.due && e.doneOn! > e.due ? `, après son échéance du ${formatDateFr(e.due)}` : ''}`,
    );
    const lateItems = fiche.late.map((e) => `${e.label} — échéance du ${formatDateFr(e.due!)} dépassée`);
    fiches.push(p(`Étapes faites en ${bilan.year} : ${doneItems.length === 0 ? 'aucune.' : ''}`));
    if (doneItems.length) fiches.push(list(doneItems));
    fiches.push(p(`Étapes en retard au ${formatDateFr(bilan.asOf)} : ${lateItems.length === 0 ? 'aucune.' : ''}`));
    if (lateItems.length) fiches.push(list(lateItems));
  }
  if (fiches.length === 0) fiches.push(p('Le projet adopté n’a pas de fiche-action.'));
  const acts = input.acts.filter((a) => a.seance.date.startsWith(`${bilan.year}-`) && a.annulled === null);
  const actes =
    acts.length === 0
      ? [p(`Aucun acte enregistré en ${bilan.year}.`)]
      : [
          table(
            ['Date', 'Instance', 'Acte', 'Issue', 'Version'],
            acts.map((a) => [
              formatDateFr(a.seance.date),
              `${instanceKindLabels[a.instance.kind]} (${a.instance.organisationName})`,
              actKindLabels[a.kind],
              a.outcome ? actOutcomeLabels[a.outcome] : '—',
              a.version.label,
            ]),
          ),
        ];
  const doc = (content: JSONContent[]): JSONContent => ({ type: 'doc', content });
  return { synthese: doc(synthese), indicateurs: doc(indicateurs), 'fiches-actions': doc(fiches), actes: doc(actes) };
}
