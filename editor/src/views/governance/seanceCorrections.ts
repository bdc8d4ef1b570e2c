import type { ProjectRole } from '../../../../schemas/project';
import { h } from '../../dom';
import { formatDay, parisDay } from './dates';
import { gov, type SeanceDetail } from './govApi';

interface Helpers {
  reload(message: string): void;
  fail(error: unknown, what: string): void;
}

/**
 * The convocation's "envoyée le" date, corrected while no act is recorded (a wrong click must
 * not block the séance). The server bounds the date and audits the change with the previous one.
 */
export function convocationCorrection(seance: SeanceDetail, helpers: Helpers): HTMLElement {
  const sentOn = h('input', { type: 'date', id: 'convocation-correct-date', value: seance.convocation.sentOn ?? '', max: parisDay(), required: true });
  const button = h('button', { type: 'submit', class: 'button', id: 'convocation-correct' }, 'Corriger la date d’envoi');
  const form = h(
    'form',
    { class: 'inline-form convocation-correction' },
    h('div', { class: 'form-field' }, h('label', { for: 'convocation-correct-date' }, 'Envoyée le'), sentOn),
    button,
    h('p', { class: 'form-hint' }, 'Possible tant qu’aucun acte n’est enregistré ; la correction est inscrite au journal d’audit avec la date précédente.'),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!sentOn.value) return;
    button.disabled = true;
    try {
      await gov.markConvocationSent(seance.id, sentOn.value);
      helpers.reload(`Date d’envoi de la convocation corrigée : ${formatDay(sentOn.value)}.`);
    } catch (error) {
      button.disabled = false;
      helpers.fail(error, 'Date d’envoi non corrigée');
    }
  });
  return h('details', { class: 'convocation-correction-details' }, h('summary', {}, 'Corriger la date d’envoi'), form);
}

/**
 * Dérogations a coordinator of a project on the agenda grants from the séance: for each item
 * whose act the rules would refuse, the rules' sentences and a justification. The next act of
 * that kind on that version at this séance then passes those rules (POST /api/projects/:id/overrides).
 */
export function derogationSection(seance: SeanceDetail, roles: Map<string, ProjectRole | null>, helpers: Helpers): HTMLElement | null {
  const blocked = seance.agenda.filter((item) => item.check && item.check.rules.length > 0 && item.version);
  if (blocked.length === 0) return null;
  const entries = blocked.map((item) => {
    const check = item.check!;
    const overridable = check.rules.every((r) => r.overridable);
    const isCoordinator = roles.get(item.project.id) === 'coordinator';
    const head = h('p', { class: 'derogation-item-title' }, h('strong', {}, `${item.actLabel} — ${item.project.title}`), ` (version ${item.version!.number})`);
    const rules = h(
      'ul',
      { class: 'rule-list' },
      ...check.rules.map((r) => h('li', { 'data-rule': r.rule }, r.message, r.overridable ? '' : ' (règle impérative, sans dérogation possible)')),
    );
    if (check.override) {
      return h(
        'li',
        { 'data-item-id': item.id, class: 'derogation-granted' },
        head,
        rules,
        h('p', {}, `Dérogation accordée par ${check.override.by} : « ${check.override.justification} ». Le secrétariat peut enregistrer l’acte.`),
      );
    }
    if (!overridable) return h('li', { 'data-item-id': item.id }, head, rules);
    if (!isCoordinator) {
      return h(
        'li',
        { 'data-item-id': item.id },
        head,
        rules,
        h('p', { class: 'form-hint' }, 'Un coordonnateur du projet peut accorder une dérogation motivée depuis cette page.'),
      );
    }
    const id = `derogation-${item.id}`;
    const justification = h('textarea', { id, rows: 2, required: true, minlength: 10 });
    const error = h('p', { class: 'field-error' });
    const submit = h('button', { type: 'submit', class: 'button', id: `${id}-submit` }, 'Accorder la dérogation');
    const form = h(
      'form',
      { class: 'derogation-form', novalidate: true },
      h('label', { for: id }, 'Justification (inscrite au journal d’audit)'),
      justification,
      error,
      submit,
    );
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const text = justification.value.trim();
      if (text.length < 10) {
        error.textContent = 'Justifiez la dérogation en une phrase au moins (10 caractères).';
        justification.setAttribute('aria-invalid', 'true');
        justification.focus();
        return;
      }
      submit.disabled = true;
      try {
        await gov.grantOverride(item.project.id, {
          versionId: item.version!.id,
          seanceId: seance.id,
          actKind: item.act,
          rules: check.rules.map((r) => r.rule),
          justification: text,
        });
        helpers.reload(`Dérogation accordée : ${item.actLabel} — ${item.project.title}.`);
      } catch (e) {
        submit.disabled = false;
        helpers.fail(e, 'Dérogation non accordée');
      }
    });
    return h('li', { 'data-item-id': item.id }, head, rules, form);
  });
  return h(
    'section',
    { class: 'seance-derogations', 'aria-labelledby': 'derogations-heading', tabindex: '-1' },
    h('h2', { id: 'derogations-heading' }, 'Règles à respecter et dérogations'),
    h(
      'p',
      { class: 'form-hint' },
      `Ce que les règles d’enchaînement diraient aujourd’hui des actes de la séance du ${formatDay(seance.date)} encore à enregistrer.`,
    ),
    h('ul', { class: 'derogation-list' }, ...entries),
  );
}
