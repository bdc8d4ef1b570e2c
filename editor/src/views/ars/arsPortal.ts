import { actOutcomeLabels } from '../../../../schemas/governance';
import { api, type ProjectSummary } from '../../api';
import { h, replaceChildren } from '../../dom';
import { fetchFile, saveBlob, sha256Hex } from '../../exports/download';
import { formatDay, formatInstant, parisDay } from '../governance/dates';
import { gov, type Submission, type SubmissionCheck } from '../governance/govApi';
import { errorText, focusOn, isSessionGone, tag } from '../governance/ui';
import { mountPage } from '../../ui/page';
import type { View } from '../view';

function sizeText(bytes: number | undefined): string {
  if (bytes === undefined) return '';
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} Ko`;
  return `${(bytes / 1024 / 1024).toFixed(1).replace('.', ',')} Mo`;
}

function checkReport(check: SubmissionCheck): HTMLElement {
  return h(
    'div',
    { class: `verify-report ${check.valid ? 'is-valid' : 'is-invalid'}` },
    h(
      'p',
      { class: `alert ${check.valid ? 'alert-info' : 'alert-error'} verify-verdict` },
      check.valid
        ? h('span', {}, tag('✓ intègre', 'ok'), ' Chaque fichier correspond au manifeste et le dossier à l’empreinte enregistrée lors de sa transmission.')
        : h('span', {}, tag('✗ non conforme', 'danger'), ' Le dossier ne correspond pas à son manifeste ou à l’empreinte enregistrée.'),
      check.matchesDownload === true ? ' Le fichier téléchargé sur ce poste est identique au dossier transmis.' : '',
    ),
    check.problems.length ? h('ul', { class: 'verify-problems' }, ...check.problems.map((p) => h('li', {}, p))) : null,
    h(
      'table',
      { class: 'gov-table verify-table' },
      h('caption', {}, 'Empreintes SHA-256 des fichiers du dossier'),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, 'Fichier'),
          h('th', { scope: 'col' }, 'État'),
          h('th', { scope: 'col' }, 'Empreinte attendue'),
          h('th', { scope: 'col' }, 'Empreinte calculée'),
        ),
      ),
      h(
        'tbody',
        {},
        ...check.files.map((f) =>
          h(
            'tr',
            { 'data-file': f.name, 'data-ok': String(f.ok) },
            h('th', { scope: 'row' }, f.name),
            h('td', {}, f.ok ? tag('✓ conforme', 'ok') : f.actual === null ? tag('✗ absent', 'danger') : tag('✗ modifié', 'danger')),
            h('td', {}, h('code', { class: 'hash' }, f.expected)),
            h('td', {}, f.actual ? h('code', { class: 'hash' }, f.actual) : '—'),
          ),
        ),
      ),
    ),
  );
}

function submissionCard(s: Submission, canReceive: boolean): HTMLElement {
  const headingId = `submission-${s.id}`;
  const live = h('div', { class: 'submission-live', role: 'status', 'aria-live': 'polite' });
  const errors = h('div', { class: 'submission-errors' });
  const verifyArea = h('div', { class: 'verify-area' });
  const receiptArea = h('div', { class: 'receipt-area' });
  let downloadedSha: string | null = null;

  const fail = (error: unknown, what: string): void => {
    live.textContent = '';
    if (isSessionGone(error)) return;
    replaceChildren(errors, h('div', { class: 'alert alert-error', role: 'alert' }, h('p', {}, `${what} : ${errorText(error)}`)));
  };

  const download = h('button', { type: 'button', class: 'button', 'data-action': 'download' }, 'Télécharger le dossier (zip)');
  download.addEventListener('click', async () => {
    download.disabled = true;
    errors.replaceChildren();
    live.textContent = 'Téléchargement du dossier…';
    try {
      const file = await fetchFile(s.package.url, `dossier-ars-${s.id}.zip`);
      saveBlob(file);
      downloadedSha = await sha256Hex(file.blob).catch(() => null);
      live.textContent = `Dossier téléchargé : ${file.filename}.${downloadedSha ? ' Son empreinte sera comparée lors de la vérification.' : ''}`;
    } catch (error) {
      fail(error, 'Téléchargement impossible');
    } finally {
      download.disabled = false;
    }
  });

  const verify = h('button', { type: 'button', class: 'button', 'data-action': 'verify' }, 'Vérifier l’intégrité');
  verify.addEventListener('click', async () => {
    verify.disabled = true;
    errors.replaceChildren();
    live.textContent = 'Vérification en cours…';
    try {
      const check = await gov.verifySubmission(s.id, downloadedSha ?? undefined);
      replaceChildren(verifyArea, checkReport(check));
      live.textContent = check.valid
        ? `Vérification terminée : dossier intègre, ${check.files.length} fichier(s) conformes.`
        : `Vérification terminée : dossier non conforme (${check.problems.length} problème(s)).`;
    } catch (error) {
      fail(error, 'Vérification impossible');
    } finally {
      verify.disabled = false;
    }
  });

  const showReceipt = (receivedOn: string, tacitApprovalOn: string | null, note: string | null): void => {
    replaceChildren(
      receiptArea,
      tacitApprovalOn
        ? h(
            'p',
            { class: 'receipt-done' },
            tag('reçu', 'ok'),
            ` Accusé de réception enregistré : reçu le ${formatDay(receivedOn)}. Sans réponse de l’ARS, la convention ou l’avenant signé est approuvé tacitement le `,
            h('strong', { class: 'tacit-date' }, formatDay(tacitApprovalOn)),
            ' (deux mois après la réception).',
          )
        : h(
            'p',
            { class: 'receipt-done' },
            tag('reçu', 'ok'),
            ` Accusé de réception enregistré : reçu le ${formatDay(receivedOn)}. Ce projet est transmis pour information avant la signature de la convention : aucun délai d’approbation ne court.`,
          ),
      note ? h('p', { class: 'form-hint' }, note) : null,
    );
  };

  if (s.receipt) showReceipt(s.receipt.receivedOn, s.receipt.tacitApprovalOn, null);
  else if (canReceive) {
    const dateId = `receipt-date-${s.id}`;
    const date = h('input', { type: 'date', id: dateId, value: parisDay(), max: parisDay(), min: s.createdAt.slice(0, 10) });
    const submit = h('button', { type: 'submit', class: 'button button-primary', 'data-action': 'receipt' }, 'Accuser réception');
    const form = h(
      'form',
      { class: 'inline-form receipt-form' },
      h('div', { class: 'form-field' }, h('label', { for: dateId }, 'Date de réception'), date),
      submit,
    );
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      submit.disabled = true;
      errors.replaceChildren();
      try {
        const receipt = await gov.receipt(s.id, date.value || undefined);
        showReceipt(receipt.receivedOn, receipt.tacitApprovalOn, receipt.note);
        live.textContent = receipt.tacitApprovalOn
          ? `Accusé de réception enregistré. Approbation tacite le ${formatDay(receipt.tacitApprovalOn)}.`
          : 'Accusé de réception enregistré (transmission pour information).';
        focusOn(receiptArea);
      } catch (error) {
        submit.disabled = false;
        fail(error, 'Accusé de réception non enregistré');
      }
    });
    replaceChildren(
      receiptArea,
      h(
        'p',
        {},
        s.purpose === 'information'
          ? 'Projet transmis pour information avant la signature de la convention : sa réception ne fait courir aucun délai.'
          : 'La réception de la convention ou de l’avenant signé fait courir le délai de deux mois au terme duquel le silence de l’ARS vaut approbation.',
      ),
      form,
    );
  } else {
    replaceChildren(receiptArea, h('p', {}, tag('en attente', 'info'), ' L’ARS n’a pas encore accusé réception du dossier.'));
  }

  return h(
    'li',
    { class: 'submission-card', 'data-submission-id': s.id },
    h(
      'article',
      { 'aria-labelledby': headingId },
      h('h2', { id: headingId }, `${s.document.kindLabel} — ${s.document.title}`),
      h(
        'dl',
        { class: 'gov-facts' },
        h('dt', {}, 'Établissement'),
        h('dd', {}, s.organisation?.name ?? '—'),
        h('dt', {}, 'Destinataire'),
        h('dd', {}, s.ars?.name ?? '—'),
        h('dt', {}, 'Objet'),
        h(
          'dd',
          { class: 'submission-purpose' },
          s.purpose === 'information'
            ? 'Projet médical partagé transmis pour information, avant la signature'
            : 'Convention ou avenant signé, soumis pour approbation',
        ),
        h('dt', {}, 'Version'),
        h('dd', {}, `version ${s.version.number} « ${s.version.label} »`),
        h('dt', {}, 'Empreinte de la version'),
        h('dd', {}, h('code', { class: 'hash' }, s.version.hash)),
        h('dt', {}, 'Transmis le'),
        h('dd', {}, `${formatInstant(s.createdAt)} par ${s.createdBy.name ?? '—'}`),
        h('dt', {}, 'Dossier'),
        h(
          'dd',
          {},
          `${s.package.files.length} fichier(s)${s.package.bytes ? `, ${sizeText(s.package.bytes)}` : ''} — empreinte `,
          h('code', { class: 'hash' }, s.package.sha256),
        ),
      ),
      s.acts.length
        ? h(
            'table',
            { class: 'gov-table' },
            h('caption', {}, 'Avis et délibérations joints'),
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                h('th', { scope: 'col' }, 'Acte'),
                h('th', { scope: 'col' }, 'Instance'),
                h('th', { scope: 'col' }, 'Date'),
                h('th', { scope: 'col' }, 'Résultat'),
              ),
            ),
            h(
              'tbody',
              {},
              ...s.acts.map((a) =>
                h(
                  'tr',
                  {},
                  h('th', { scope: 'row' }, a.label),
                  h('td', {}, a.instance),
                  h('td', {}, formatDay(a.date)),
                  h('td', {}, a.outcome ? ((actOutcomeLabels as Record<string, string>)[a.outcome] ?? a.outcome) : '—'),
                ),
              ),
            ),
          )
        : null,
      h('p', { class: 'actions' }, download, verify),
      live,
      errors,
      verifyArea,
      h('h3', {}, 'Accusé de réception'),
      receiptArea,
    ),
  );
}

/**
 * The ARS portal: the packages addressed to the reader's agency (for hospital users, those of
 * their projects), to download, check against their manifest, and acknowledge.
 */
export function mountArsPortal(main: HTMLElement): View {
  return mountPage(main, {
    title: 'Dossiers transmis à l’ARS',
    className: 'ars-body',
    loading: 'Chargement des dossiers…',
    shell: (body) =>
      h(
        'div',
        { class: 'page gov-page ars-page' },
        h('h1', { tabindex: '-1' }, 'Dossiers transmis à l’ARS'),
        h('p', { class: 'lead' }, 'Projets médicaux et projets de soins reçus : téléchargez le dossier, vérifiez son intégrité, accusez réception.'),
        body,
      ),
    load: () => Promise.all([gov.submissions(), api.projects().catch(() => [] as ProjectSummary[])]),
    render: ([submissions, projects]) => {
      const memberOf = new Set(projects.map((p) => p.id));
      if (submissions.length === 0) return [h('p', { class: 'empty' }, 'Aucun dossier n’a été transmis.')];
      return [
        h('p', { class: 'count' }, submissions.length === 1 ? '1 dossier' : `${submissions.length} dossiers`),
        // Members of the project sent it: the receipt is the ARS's (403 for them).
        h('ol', { class: 'submission-cards' }, ...submissions.map((s) => submissionCard(s, !memberOf.has(s.projectId)))),
      ];
    },
  });
}
