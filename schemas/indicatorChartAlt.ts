import type { FollowupIndicator } from './api/followup';
import { formatIndicatorValue } from './indicatorUnits';

const day = (iso: string): string => iso.split('-').reverse().join('/');

const dated = (v: { value: number; date: string } | null, indicator: FollowupIndicator, written: string): string =>
  v ? `${formatIndicatorValue(v.value, indicator.unit)} au ${day(v.date)}` : written || 'non renseignée';

/** What an indicator's chart shows, in words: its text alternative on the screen and in the bilan (RGAA 1.1). */
export function indicatorChartAlt(indicator: FollowupIndicator): string {
  const values = indicator.values.map((v) => `${v.year} : ${formatIndicatorValue(v.value, indicator.unit)}`).join(', ');
  return `Graphique de l’indicateur « ${indicator.label} » : origine ${dated(indicator.baseline, indicator, indicator.written.valeurOrigine)}, ${values ? `valeurs ${values}` : 'aucune valeur saisie'}, cible ${dated(indicator.target, indicator, indicator.written.valeurCible)}.`;
}
