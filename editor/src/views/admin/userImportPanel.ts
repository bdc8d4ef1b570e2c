import type { PeopleImportLine as ImportLine, PeopleImportReport as ImportAnswer } from '../../../../schemas/api/users';
import { request } from '../../api';
import { h, replaceChildren } from '../../dom';
import { roleLabels } from './adminApi';
import { errorWithFields } from '../../ui/errors';

/** One row of the report: what the file said, and what became of it. */
function reportRow(line: ImportLine, applied: boolean): HTMLTableRowElement {
  const outcome =
    line.status === 'refused'
      ? h('td', { class: 'import-refused' }, 'Refusée : ', line.reasons.join(' ; '))
      : h(
          'td',
          { class: 'import-ok' },
          !applied ? 'Sera invitée' : line.invitation?.emailed ? 'Invitée (courriel envoyé)' : 'Invitée',
          line.invitation?.link
            ? h('span', {}, ' — lien à transmettre, affiché une seule fois : ', h('code', { class: 'invitation-link' }, line.invitation.link))
            : null,
        );
  return h(
    'tr',
    { 'data-line': line.line, 'data-status': line.status },
    h('td', {}, String(line.line)),
    h('td', {}, line.email),
    h('td', {}, line.name),
    h('td', {}, line.function ?? ''),
    h('td', {}, line.role ? (roleLabels[line.role] ?? line.role) : ''),
    outcome,
  );
}

/**
 * "Inviter plusieurs personnes": a CSV file (email;nom;fonction;rôle) is first previewed line by
 * line, with what would be refused and why; nothing is invited until the administrator confirms.
 */
export function userImportPanel(organisationId: string, onImported: () => void): HTMLElement {
  const file = h('input', { type: 'file', id: 'import-file', accept: '.csv,text/csv,text/plain' });
  const status = h('p', { role: 'status', class: 'form-status', id: 'import-status' });
  const report = h('div', { class: 'import-report' });
  const preview = h('button', { type: 'submit', class: 'button button-secondary', id: 'import-preview' }, 'Prévisualiser');
  const apply = h('button', { type: 'button', class: 'button button-primary', id: 'import-apply', hidden: true }, 'Inviter');
  let csv = '';

  const show = (answer: ImportAnswer): void => {
    const ok = answer.lines.filter((l) => l.status === 'ok').length;
    const refused = answer.lines.length - ok;
    status.textContent = answer.applied
      ? `${ok} personne(s) invitée(s), ${refused} ligne(s) refusée(s).`
      : `${ok} ligne(s) valable(s), ${refused} refusée(s). Rien n’est encore envoyé.`;
    replaceChildren(
      report,
      h(
        'table',
        { class: 'data-table import-table' },
        h('caption', {}, answer.applied ? 'Compte rendu de l’import' : 'Aperçu de l’import'),
        h('thead', {}, h('tr', {}, ...['Ligne', 'Adresse', 'Nom', 'Fonction', 'Rôle', 'Résultat'].map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, ...answer.lines.map((line) => reportRow(line, answer.applied))),
      ),
    );
    apply.hidden = answer.applied || ok === 0;
    apply.textContent = `Inviter les ${ok} personne(s) valable(s)`;
  };

  const send = (applyNow: boolean): void => {
    preview.disabled = apply.disabled = true;
    request<ImportAnswer>('POST', '/api/users/import', { csv, organisationId, ...(applyNow ? { apply: true } : {}) }).then(
      (answer) => {
        preview.disabled = apply.disabled = false;
        show(answer);
        if (answer.applied) onImported();
      },
      (error: unknown) => {
        preview.disabled = apply.disabled = false;
        status.textContent = errorWithFields(error, { withPath: true });
      },
    );
  };

  const form = h(
    'form',
    { class: 'admin-form', id: 'import-form', novalidate: true },
    h(
      'p',
      { class: 'form-hint' },
      'Une ligne d’en-tête « email;nom;fonction;rôle » (séparateur point-virgule ou virgule), puis une personne par ligne. Rôles : membre, secrétariat, lecteur ARS… en clair ou par leur code (member, secretary…).',
    ),
    h('div', { class: 'form-field' }, h('label', { for: file.id }, 'Fichier CSV'), file),
    h('p', { class: 'actions' }, preview, apply),
    status,
    report,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const chosen = file.files?.[0];
    if (!chosen) {
      status.textContent = 'Choisissez un fichier CSV.';
      return;
    }
    chosen.text().then(
      (text) => {
        csv = text;
        send(false);
      },
      () => (status.textContent = 'Le fichier n’a pas pu être lu.'),
    );
  });
  apply.addEventListener('click', () => send(true));
  return form;
}
