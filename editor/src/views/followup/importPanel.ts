import { h } from '../../dom';
import { followupApi, type ValueImportReport } from './followupApi';
import { errorWithFields } from '../../ui/errors';

function reportTable(report: ValueImportReport): HTMLElement {
  return h(
    'table',
    { class: 'import-report' },
    h('caption', {}, `Rapport ligne par ligne (${report.year})`),
    h('thead', {}, h('tr', {}, ...['Ligne', 'Indicateur', 'Valeur', 'Résultat'].map((c) => h('th', { scope: 'col' }, c)))),
    h(
      'tbody',
      {},
      ...report.lines.map((l) =>
        h(
          'tr',
          { class: l.status === 'ok' ? 'is-ok' : 'is-refused' },
          h('th', { scope: 'row' }, String(l.line)),
          h('td', {}, l.indicator),
          h('td', {}, l.value),
          h('td', {}, l.status === 'ok' ? 'Acceptée' : `Refusée : ${l.reasons.join(' ')}`),
        ),
      ),
    ),
  );
}

/** Import of a year's values from a CSV file: a preview line by line, then the import of the accepted lines. */
export function importPanel(projectId: string, years: number[], onImported: () => void): HTMLElement {
  const year = h('select', { id: 'import-annee' }, ...years.map((y) => h('option', { value: String(y) }, String(y))));
  year.value = String(years[years.length - 1] ?? '');
  const file = h('input', { type: 'file', id: 'import-fichier', accept: '.csv,text/csv' });
  const result = h('div', { class: 'import-result', role: 'status' });
  let csv = '';
  const run = (apply: boolean) => {
    followupApi.importValues(projectId, { year: Number(year.value), csv, apply }).then(
      (report) => {
        const accepted = report.lines.filter((l) => l.status === 'ok').length;
        result.replaceChildren(
          h('p', {}, apply ? `${accepted} valeur(s) enregistrée(s).` : `${accepted} ligne(s) acceptée(s) sur ${report.lines.length}.`),
          reportTable(report),
        );
        if (!apply && accepted > 0)
          result.append(h('button', { type: 'button', class: 'button button-primary', onclick: () => run(true) }, 'Importer les lignes acceptées'));
        if (apply) onImported();
      },
      (error: unknown) => {
        result.replaceChildren(h('p', { class: 'alert alert-error' }, errorWithFields(error)));
      },
    );
  };
  file.addEventListener('change', () => {
    void file.files?.[0]?.text().then((text) => {
      csv = text;
      run(false);
    });
  });
  return h(
    'section',
    { class: 'followup-import', 'aria-labelledby': 'suivi-import' },
    h('h2', { id: 'suivi-import' }, 'Importer les valeurs d’une année (CSV)'),
    h(
      'p',
      { class: 'hint' },
      'Première ligne : indicateur;valeur;date;source;commentaire. L’indicateur est nommé par son intitulé exact ou son identifiant ; les dates au format jj/mm/aaaa.',
    ),
    h('div', { class: 'field' }, h('label', { for: 'import-annee' }, 'Année'), year),
    h('div', { class: 'field' }, h('label', { for: 'import-fichier' }, 'Fichier CSV'), file),
    result,
  );
}
