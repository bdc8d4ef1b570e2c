import type { IndicatorField } from '../../../schemas/structured';

/** The columns of an indicator table (docs/GOVERNANCE.md, fiches-actions), in the order authors fill them. */
export const indicatorColumns: { field: IndicatorField; label: string; type: 'text' | 'date'; multiline?: boolean }[] = [
  { field: 'indicateur', label: 'Indicateur', type: 'text', multiline: true },
  { field: 'methode', label: 'Méthode de construction', type: 'text', multiline: true },
  // A new indicator has no baseline yet: « à établir », with the date by which it will be measured.
  { field: 'valeurOrigine', label: 'Valeur d’origine (ou « à établir »)', type: 'text' },
  { field: 'dateOrigine', label: 'Date de la valeur d’origine (ou de sa mesure)', type: 'date' },
  { field: 'valeurCible', label: 'Valeur cible', type: 'text' },
  { field: 'dateCible', label: 'Date de la valeur cible', type: 'date' },
  { field: 'source', label: 'Source', type: 'text' },
  { field: 'periodicite', label: 'Périodicité', type: 'text' },
];
