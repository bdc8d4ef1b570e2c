import { ApiError } from '../../api';
import { h, replaceChildren } from '../../dom';
import { elapsedText } from '../../exports/filename';
import { formatDay, formatInstant } from './dates';
import { gov, type Submission } from './govApi';
import { govHash } from './routes';
import { errorText, focusOn, isSessionGone, tag } from './ui';
import { createLoader } from '../../ui/load';
import type { Part } from '../../ui/part';

interface MissingItem {
  sectionId?: string;
  path?: string;
  problem?: string;
  message?: string;
}

/** What a 409 submission_not_ready says is missing: document parts and acts. */
export function missingOf(error: ApiError): { completeness: string[]; acts: string[] } {
  const missing = (error.details.missing ?? {}) as { completeness?: unknown; acts?: unknown };
  const completeness = Array.isArray(missing.completeness)
    ? missing.completeness.map((m: MissingItem) => (typeof m?.message === 'string' ? m.message : String(m?.path ?? ''))).filter(Boolean)
    : [];
  const acts = Array.isArray(missing.acts) ? missing.acts.filter((a): a is string => typeof a === 'string') : [];
  return { completeness, acts };
}

/** Who the package went to, and why: the ARS (for information or for approval), or the établissement's own record. */
function purposeText(s: Submission): string {
  if (!s.ars) return 'Dossier d’adoption conservé par l’établissement, constitué';
  if (s.purpose === 'approbation') return `Convention ou avenant signé soumis à ${s.ars.name} pour approbation`;
  return `Transmis à ${s.ars.name} pour information (avant la signature)`;
}

export function submissionSummary(s: Submission, opts: { headingLevel: 'h3' | 'h2' }): HTMLElement {
  return h(
    'article',
    { class: 'submission-summary', 'data-submission-id': s.id },
    h(opts.headingLevel, {}, `Dossier du ${formatInstant(s.createdAt)} — version ${s.version.number}`),
    h(
      'ul',
      {},
      h('li', {}, `${purposeText(s)} par ${s.createdBy.name ?? 'compte supprimé'}.`),
      h('li', {}, `${s.package.files.length} fichier(s), empreinte SHA-256 du dossier : `, h('code', { class: 'hash' }, s.package.sha256)),
      s.ars
        ? h(
            'li',
            {},
            s.receipt
              ? `Accusé de réception de l’ARS le ${formatDay(s.receipt.receivedOn)}${s.receipt.tacitApprovalOn ? ` : approbation tacite le ${formatDay(s.receipt.tacitApprovalOn)} sans réponse de l’ARS` : ''}.`
              : 'Accusé de réception de l’ARS : pas encore reçu.',
            ' ',
            s.receipt ? tag('reçu', 'ok') : tag('en attente', 'info'),
          )
        : null,
    ),
    h('p', {}, h('a', { href: s.package.url, download: `dossier-ars-${s.id}.zip` }, 'Télécharger le dossier (zip)')),
  );
}

/**
 * "Constituer le dossier ARS" for a version (coordinator or secretary): builds the package on
 * the server; a 409 lists what is missing (document completeness and acts).
 */
export function createSubmissionPanel(input: { projectId: string; versionId: string; versionNumber: number; canCreate: boolean }): Part {
  let timer: ReturnType<typeof setInterval> | null = null;
  const list = h('div', { class: 'submission-list' });
  const status = h('div', { class: 'submission-status', role: 'status', 'aria-live': 'polite' });
  const feedback = h('div', { class: 'submission-feedback' });
  const button = input.canCreate ? h('button', { type: 'button', class: 'button button-primary', id: 'submission-create' }, 'Constituer le dossier ARS') : null;

  const loader = createLoader(list, {
    load: () => gov.projectSubmissions(input.projectId),
    show: (all) => {
      const mine = all.filter((s) => s.version.id === input.versionId);
      if (mine.length === 0) replaceChildren(list, h('p', { class: 'empty' }, 'Aucun dossier constitué pour cette version.'));
      else replaceChildren(list, ...mine.map((s) => submissionSummary(s, { headingLevel: 'h3' })));
    },
    failed: () => [h('p', { class: 'empty' }, 'Liste des dossiers indisponible.')],
  });
  loader.onEnd(() => {
    if (timer) clearInterval(timer);
  });

  button?.addEventListener('click', async () => {
    button.disabled = true;
    feedback.replaceChildren();
    const started = Date.now();
    const elapsed = h('span', { 'aria-hidden': 'true', class: 'export-elapsed' }, '0 s');
    replaceChildren(
      status,
      h('span', { class: 'spinner', 'aria-hidden': 'true' }),
      'Constitution du dossier en cours (PDF, DOCX, actes, manifeste)… ',
      elapsed,
    );
    timer = setInterval(() => {
      elapsed.textContent = `${Math.floor((Date.now() - started) / 1000)} s`;
    }, 1000);
    try {
      const s = await gov.createSubmission(input.projectId, input.versionId);
      if (loader.ended) return;
      replaceChildren(
        status,
        `${s.ars ? `Dossier constitué et transmis à ${s.ars.name}` : 'Dossier d’adoption constitué'} (${elapsedText((Date.now() - started) / 1000)}).`,
      );
      loader.reload();
    } catch (error) {
      status.replaceChildren();
      if (isSessionGone(error) || loader.ended) return;
      if (error instanceof ApiError && error.code === 'submission_not_ready') {
        const missing = missingOf(error);
        replaceChildren(
          feedback,
          h(
            'div',
            { class: 'alert alert-error submission-missing', role: 'alert' },
            h('p', {}, error.message),
            missing.acts.length ? h('p', { class: 'missing-title' }, 'Actes requis manquants :') : null,
            missing.acts.length ? h('ul', { class: 'missing-acts' }, ...missing.acts.map((a) => h('li', {}, a))) : null,
            missing.completeness.length ? h('p', { class: 'missing-title' }, 'Parties du document manquantes ou incomplètes :') : null,
            missing.completeness.length ? h('ul', { class: 'missing-parts' }, ...missing.completeness.map((m) => h('li', {}, m))) : null,
            h('p', {}, h('a', { href: govHash({ page: 'timeline', projectId: input.projectId }) }, 'Voir le calendrier d’approbation')),
          ),
        );
      } else {
        replaceChildren(feedback, h('div', { class: 'alert alert-error', role: 'alert' }, h('p', {}, `Dossier non constitué : ${errorText(error)}`)));
      }
      focusOn(feedback.firstElementChild as HTMLElement);
    } finally {
      if (timer) clearInterval(timer);
      timer = null;
      if (button) button.disabled = false;
    }
  });

  loader.reload();
  const element = h(
    'section',
    { class: 'submission-panel', 'aria-labelledby': 'submission-heading' },
    h('h2', { id: 'submission-heading' }, 'Dossier de transmission à l’ARS'),
    h(
      'p',
      { class: 'form-hint' },
      'Le dossier réunit le document en PDF et DOCX, les avis et délibérations avec leurs extraits de PV, le calendrier d’approbation et un manifeste d’empreintes qui permet à l’ARS d’en vérifier l’intégrité. Il n’est constitué que si le document est complet et les actes requis enregistrés sur cette version.',
    ),
    button ? h('p', { class: 'actions' }, button) : null,
    status,
    feedback,
    list,
  );
  return { element, destroy: loader.end };
}
