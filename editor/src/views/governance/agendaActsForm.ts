import { actOutcomeLabels, actOutcomes, actsWithOutcome, type ActOutcome } from '../../../../schemas/governance';
import type { ProjectRole } from '../../../../schemas/project';
import { ApiError } from '../../api';
import { h, replaceChildren } from '../../dom';
import { rulesOf } from './actForm';
import { formatDay } from './dates';
import { gov, type NewAct, type RuleBroken, type SeanceDetail } from './govApi';
import { govHash } from './routes';
import { errorText, focusOn, isSessionGone, tag } from './ui';

type Item = SeanceDetail['agenda'][number];

/** One agenda item still to record, with its inputs. */
interface Row {
  seance: SeanceDetail;
  item: Item & { version: NonNullable<Item['version']> };
  outcome: HTMLSelectElement | null;
  votes: { pour: HTMLInputElement; contre: HTMLInputElement; abstention: HTMLInputElement } | null;
  reserves: HTMLInputElement | null;
  result: HTMLElement;
  tr: HTMLTableRowElement;
  done: boolean;
}

const onlyPrerequisites = (rules: RuleBroken[]): boolean => rules.every((r) => r.rule.startsWith('prerequisite:'));

/**
 * "Enregistrer les actes de l'ordre du jour": every act still to record at these séances (one
 * séance, or every séance of a day the secretary keeps) in one form, pre-filled from the agenda
 * (instance, project, version, expected act); the secretary gives the outcome and the votes.
 * Acts are sent one by one through the same API as the single act form, in agenda order; an act
 * refused only because a prerequisite recorded in this same form came later is sent again once
 * that one is in (the rules accept the same day). What is still refused stays on screen with the
 * rules' sentences, a dérogation for a coordinator of the project, or the way to ask for one.
 */
export function agendaActsForm(input: {
  seances: SeanceDetail[];
  roles: Map<string, ProjectRole | null>;
  /** After a pass where every act was recorded (the page reloads). */
  onAllRecorded(message: string): void;
}): HTMLElement | null {
  const several = input.seances.length > 1;
  const rows: Row[] = [];
  for (const seance of input.seances) {
    if (!seance.canManage || seance.status === 'cancelled') continue;
    for (const item of seance.agenda) {
      if (item.recordedActId || !item.version) continue;
      rows.push(makeRow(seance, { ...item, version: item.version }, several));
    }
  }
  if (rows.length === 0) return null;

  const status = h('p', { class: 'batch-status', role: 'status', 'aria-live': 'polite' });
  const feedback = h('div', { class: 'batch-feedback' });
  const submit = h('button', { type: 'submit', class: 'button button-primary', id: 'batch-submit' }, `Enregistrer les actes (${rows.length})`);
  const allFavorable = h(
    'button',
    { type: 'button', class: 'button button-tertiary', id: 'batch-all-favorable' },
    'Sens « favorable » pour chaque ligne sans sens',
  );
  allFavorable.addEventListener('click', () => {
    for (const row of rows) {
      if (row.done || !row.outcome || row.outcome.value) continue;
      row.outcome.value = 'favorable';
      row.outcome.dispatchEvent(new Event('change'));
    }
  });
  const withOutcome = rows.some((r) => r.outcome !== null);

  const form = h(
    'form',
    { class: 'agenda-acts-form', novalidate: true, 'aria-labelledby': 'batch-heading' },
    h('h2', { id: 'batch-heading' }, several ? 'Enregistrer les actes du jour' : 'Enregistrer les actes de l’ordre du jour'),
    h(
      'p',
      { class: 'form-hint' },
      'Chaque ligne est un point de l’ordre du jour dont la version est figée : indiquez le sens de l’avis (obligatoire pour un avis) et, si vous les avez, les votes. ',
      'Les actes sont enregistrés dans l’ordre du parcours ; pour le détail (extrait du procès-verbal, observations), utilisez le formulaire d’un acte sur la page de la séance.',
    ),
    withOutcome ? h('p', { class: 'actions' }, allFavorable) : null,
    h(
      'div',
      { class: 'table-scroll' },
      h(
        'table',
        { class: 'gov-table agenda-acts-table' },
        h('caption', { class: 'sr-only' }, 'Actes à enregistrer'),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'col' }, 'Point'),
            h('th', { scope: 'col' }, 'Sens'),
            h('th', { scope: 'col' }, 'Votes (pour, contre, abstentions)'),
            h('th', { scope: 'col' }, 'Réserves'),
            h('th', { scope: 'col' }, 'Résultat'),
          ),
        ),
        h('tbody', {}, ...rows.map((r) => r.tr)),
      ),
    ),
    h('p', { class: 'actions' }, submit),
    status,
    feedback,
  );

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void recordAll();
  });

  const recordAll = async (): Promise<void> => {
    feedback.replaceChildren();
    const bodies = new Map<Row, NewAct>();
    const invalid: string[] = [];
    for (const row of rows.filter((r) => !r.done)) {
      const built = bodyOf(row);
      if (typeof built === 'string') {
        invalid.push(built);
        replaceChildren(row.result, tag('à compléter', 'warn'), ' ', built);
      } else bodies.set(row, built);
    }
    if (invalid.length > 0) {
      replaceChildren(
        feedback,
        h(
          'div',
          { class: 'alert alert-error', role: 'alert' },
          h('p', {}, 'Aucun acte n’est enregistré : complétez les lignes signalées.'),
          h('ul', {}, ...invalid.map((m) => h('li', {}, m))),
        ),
      );
      focusOn(feedback.firstElementChild as HTMLElement);
      return;
    }
    submit.disabled = true;
    const refused = new Map<Row, RuleBroken[] | string>();
    let pending = [...bodies.keys()];
    let recorded = 0;
    // Rounds: an act whose prerequisite sits later in the list passes once that one is recorded.
    for (let progress = true; progress && pending.length > 0; ) {
      progress = false;
      const next: Row[] = [];
      for (const row of pending) {
        status.textContent = `Enregistrement : ${recorded + 1} / ${bodies.size}…`;
        try {
          await gov.recordAct(row.seance.id, bodies.get(row)!);
          row.done = true;
          recorded++;
          progress = true;
          refused.delete(row);
          markDone(row);
        } catch (error) {
          if (isSessionGone(error)) return;
          if (error instanceof ApiError && error.code === 'rule_violation') {
            const rules = rulesOf(error);
            refused.set(row, rules);
            if (onlyPrerequisites(rules)) next.push(row);
          } else refused.set(row, errorText(error));
        }
      }
      pending = next;
    }
    submit.disabled = false;
    status.textContent = '';
    if (refused.size === 0) {
      input.onAllRecorded(`${recorded} acte${recorded > 1 ? 's' : ''} enregistré${recorded > 1 ? 's' : ''}.`);
      return;
    }
    for (const [row, why] of refused) showRefusal(row, why, input.roles.get(row.item.project.id) === 'coordinator', bodies.get(row)!);
    replaceChildren(
      feedback,
      h(
        'div',
        { class: 'alert alert-error batch-refused', role: 'alert' },
        h(
          'p',
          {},
          `${recorded} acte${recorded > 1 ? 's' : ''} enregistré${recorded > 1 ? 's' : ''}, ${refused.size} refusé${refused.size > 1 ? 's' : ''} : voir la colonne « Résultat ».`,
        ),
      ),
    );
    focusOn(feedback.firstElementChild as HTMLElement);
  };

  return form;
}

function makeRow(seance: SeanceDetail, item: Row['item'], several: boolean): Row {
  const key = item.id;
  const hasOutcome = actsWithOutcome.includes(item.act);
  const outcome = hasOutcome
    ? h(
        'select',
        { id: `batch-outcome-${key}`, 'aria-label': `Sens — ${item.project.title}, ${item.actLabel} (${seance.instance.name})` },
        h('option', { value: '' }, item.act === 'avis' ? '— à indiquer —' : '— sans objet —'),
        ...actOutcomes.map((o) => h('option', { value: o }, actOutcomeLabels[o])),
      )
    : null;
  const vote = (name: string, label: string) =>
    h('input', {
      type: 'number',
      min: 0,
      step: 1,
      inputmode: 'numeric',
      class: 'vote-input',
      id: `batch-${name}-${key}`,
      'aria-label': `${label} — ${item.project.title} (${seance.instance.name})`,
    });
  const votes = hasOutcome ? { pour: vote('pour', 'Pour'), contre: vote('contre', 'Contre'), abstention: vote('abstention', 'Abstentions') } : null;
  const reserves = hasOutcome
    ? h('input', { type: 'text', id: `batch-reserves-${key}`, hidden: true, 'aria-label': `Réserves — ${item.project.title} (${seance.instance.name})` })
    : null;
  outcome?.addEventListener('change', () => {
    if (reserves) reserves.hidden = outcome.value !== 'favorable_reserves';
  });
  const check = item.check;
  const result = h('td', { class: 'batch-result' }, check && check.rules.length > 0 ? ruleNote(check) : '');
  const where = several ? `${seance.instance.name} — ${seance.instance.organisationName}` : null;
  const tr = h(
    'tr',
    { 'data-item-id': item.id, 'data-seance-id': seance.id, 'data-act-kind': item.act },
    h(
      'th',
      { scope: 'row' },
      where ? h('span', { class: 'cell-sub batch-instance' }, where) : null,
      h('span', {}, `${item.actLabel} — ${item.project.title}`),
      h('span', { class: 'cell-sub' }, `version ${item.version.number} « ${item.version.label} »`),
    ),
    h('td', {}, outcome ?? '—'),
    h('td', { class: 'batch-votes' }, ...(votes ? [votes.pour, votes.contre, votes.abstention] : ['—'])),
    h('td', {}, reserves ?? '—'),
    result,
  );
  return { seance, item, outcome, votes, reserves, result, tr, done: false };
}

/** What the rules say before anything is sent: the secretary knows, the coordinator may grant. */
function ruleNote(check: NonNullable<Item['check']>): HTMLElement {
  if (check.override) return h('span', {}, tag('dérogation accordée', 'info'), ` par ${check.override.by}`);
  return h('span', {}, tag('règle à vérifier', 'warn'), ' ', check.rules.map((r) => r.message).join(' '));
}

/** The act's body, or the sentence saying what the row lacks. */
function bodyOf(row: Row): NewAct | string {
  const what = `${row.item.actLabel} — ${row.item.project.title} (${row.seance.instance.name})`;
  const outcome = (row.outcome?.value || undefined) as ActOutcome | undefined;
  if (row.item.act === 'avis' && !outcome) return `${what} : indiquez le sens de l’avis.`;
  const reserves = row.reserves?.value.trim() ?? '';
  if (outcome === 'favorable_reserves' && !reserves) return `${what} : énoncez les réserves.`;
  let votes: NewAct['votes'];
  if (row.votes) {
    const raw = [row.votes.pour, row.votes.contre, row.votes.abstention].map((v) => v.value.trim());
    if (raw.some((v) => v !== '')) {
      const nums = raw.map((v) => (v === '' ? 0 : Number(v)));
      if (nums.some((n) => !Number.isInteger(n) || n < 0)) return `${what} : les votes sont des nombres entiers positifs ou nuls.`;
      votes = { pour: nums[0]!, contre: nums[1]!, abstention: nums[2]! };
    }
  }
  return {
    projectId: row.item.project.id,
    versionId: row.item.version.id,
    kind: row.item.act,
    ...(outcome ? { outcome } : {}),
    ...(votes ? { votes } : {}),
    ...(outcome && reserves ? { reserves } : {}),
  };
}

function markDone(row: Row): void {
  replaceChildren(row.result, tag('enregistré', 'ok'));
  row.tr.dataset.result = 'recorded';
  for (const el of row.tr.querySelectorAll<HTMLInputElement | HTMLSelectElement>('input, select')) el.disabled = true;
}

function showRefusal(row: Row, why: RuleBroken[] | string, isCoordinator: boolean, body: NewAct): void {
  row.tr.dataset.result = 'refused';
  if (typeof why === 'string') {
    replaceChildren(row.result, tag('refusé', 'danger'), ' ', why);
    return;
  }
  const overridable = why.every((r) => r.overridable);
  const list = h(
    'ul',
    { class: 'rule-list' },
    ...why.map((r) => h('li', { 'data-rule': r.rule }, r.message, r.overridable ? '' : ' (règle impérative, sans dérogation possible)')),
  );
  const parts: HTMLElement[] = [tag('refusé', 'danger'), list];
  if (overridable && isCoordinator) parts.push(overrideInline(row, body));
  else if (overridable) {
    parts.push(
      h(
        'p',
        { class: 'override-hint' },
        'Un coordonnateur du projet peut accorder une dérogation motivée : envoyez-lui ce lien ',
        h(
          'a',
          { href: govHash({ page: 'seance', seanceId: row.seance.id, focus: 'derogations' }) },
          `dérogations de la séance du ${formatDay(row.seance.date)}`,
        ),
        '.',
      ),
    );
  }
  replaceChildren(row.result, ...parts);
}

/** A coordinator records the refused act at once, with the justification of the dérogation. */
function overrideInline(row: Row, body: NewAct): HTMLElement {
  const id = `batch-override-${row.item.id}`;
  const justification = h('textarea', { id, rows: 2, minlength: 10 });
  const error = h('p', { class: 'field-error' });
  const button = h('button', { type: 'button', class: 'button' }, 'Enregistrer avec dérogation');
  button.addEventListener('click', async () => {
    const text = justification.value.trim();
    if (text.length < 10) {
      error.textContent = 'Justifiez la dérogation en une phrase au moins (10 caractères).';
      justification.focus();
      return;
    }
    button.disabled = true;
    try {
      await gov.recordAct(row.seance.id, { ...body, override: { justification: text } });
      row.done = true;
      markDone(row);
    } catch (e) {
      button.disabled = false;
      error.textContent = errorText(e);
    }
  });
  return h('div', { class: 'override-box' }, h('label', { for: id }, 'Justification de la dérogation'), justification, error, button);
}
