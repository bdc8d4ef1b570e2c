import { actKindLabels, seanceActKinds, actOutcomeLabels, actOutcomes, actsWithOutcome, type ActKind, type ActOutcome } from '../../../../schemas/governance';
import type { ProjectRole } from '../../../../schemas/project';
import { ApiError } from '../../api';
import { h, replaceChildren } from '../../dom';
import { gov, type Act, type AgendaItem, type NewAct, type RuleBroken, type SeanceDetail } from './govApi';
import { plainTextToDoc } from './pvText';
import { govHash } from './routes';
import { errorText, focusOn, isSessionGone } from './ui';
import type { Part } from '../../ui/part';

/** The rules a 409 rule_violation names (falls back to its message). */
export function rulesOf(error: ApiError): RuleBroken[] {
  const rules = Array.isArray(error.details.rules) ? error.details.rules : [];
  const parsed = rules.filter((r): r is RuleBroken => !!r && typeof (r as RuleBroken).message === 'string' && typeof (r as RuleBroken).rule === 'string');
  return parsed.length ? parsed : [{ rule: 'inconnue', message: error.message, overridable: false }];
}

/**
 * "Enregistrer un acte" for the secretary of the séance's instance: agenda item, kind, outcome
 * (favorable / favorable avec réserves / défavorable), votes, réserves, PV extract. A refusal
 * by the order rules (409) shows each rule's sentence; a project coordinator may then record the
 * act with a justified override.
 */
export function createActForm(input: {
  seance: SeanceDetail;
  roles: Map<string, ProjectRole | null>;
  /** Agenda item to preselect. */
  itemId?: string | null;
  onRecorded(act: Act): void;
}): Part & { select(itemId: string): void } {
  // One act form per page: stable ids for labels and tests.
  const id = (name: string) => `act-${name}`;
  const items = input.seance.agenda.filter((i): i is SeanceDetail['agenda'][number] & { version: NonNullable<AgendaItem['version']> } => i.version !== null);

  const itemSelect = h(
    'select',
    { id: id('item'), name: 'item', required: true, 'aria-describedby': id('item-hint') },
    ...input.seance.agenda.map((item) =>
      h(
        'option',
        { value: item.id, disabled: item.version === null },
        `${item.project.title} — ${item.version ? `version ${item.version.number} « ${item.version.label} »` : 'version à figer'} — ${item.actLabel}`,
      ),
    ),
  );
  const kindSelect = h('select', { id: id('kind'), name: 'kind' }, ...seanceActKinds.map((k) => h('option', { value: k }, actKindLabels[k])));
  const outcomeInputs = actOutcomes.map((o) => h('input', { type: 'radio', name: id('outcome'), id: id(`outcome-${o}`), value: o }));
  const outcomeError = h('p', { class: 'field-error', id: id('outcome-error') });
  const outcomeSet = h(
    'fieldset',
    { class: 'act-outcome', 'aria-describedby': id('outcome-error') },
    h('legend', {}, 'Sens de l’avis ', h('span', { class: 'required-mark' }, '(obligatoire pour un avis)')),
    ...actOutcomes.map((o, i) => h('div', { class: 'radio' }, outcomeInputs[i]!, h('label', { for: id(`outcome-${o}`) }, actOutcomeLabels[o]))),
    outcomeError,
  );
  const voteInput = (name: 'pour' | 'contre' | 'abstention') =>
    h('input', { type: 'number', id: id(`votes-${name}`), name, min: 0, step: 1, inputmode: 'numeric', class: 'vote-input' });
  const votes = { pour: voteInput('pour'), contre: voteInput('contre'), abstention: voteInput('abstention') };
  const votesError = h('p', { class: 'field-error', id: id('votes-error') });
  const votesSet = h(
    'fieldset',
    { class: 'act-votes', 'aria-describedby': id('votes-error') },
    h('legend', {}, 'Votes (facultatif)'),
    h(
      'div',
      { class: 'votes-row' },
      h('div', { class: 'form-field' }, h('label', { for: id('votes-pour') }, 'Pour'), votes.pour),
      h('div', { class: 'form-field' }, h('label', { for: id('votes-contre') }, 'Contre'), votes.contre),
      h('div', { class: 'form-field' }, h('label', { for: id('votes-abstention') }, 'Abstentions'), votes.abstention),
    ),
    votesError,
  );
  const reserves = h('textarea', { id: id('reserves'), name: 'reserves', rows: 3, 'aria-describedby': id('reserves-error') });
  const reservesError = h('p', { class: 'field-error', id: id('reserves-error') });
  const reservesField = h(
    'div',
    { class: 'form-field act-reserves', hidden: true },
    h('label', { for: id('reserves') }, 'Réserves ', h('span', { class: 'required-mark' }, '(obligatoire)')),
    reserves,
    reservesError,
  );
  const pv = h('textarea', { id: id('pv'), name: 'pv', rows: 5, 'aria-describedby': id('pv-hint') });
  const notes = h('textarea', { id: id('notes'), name: 'notes', rows: 2 });
  const pvDocument = h(
    'select',
    { id: id('pv-document'), name: 'pvDocument' },
    h('option', { value: '' }, 'Aucun'),
    ...input.seance.documents.map((d) => h('option', { value: d.id }, d.name)),
  );
  const submit = h('button', { type: 'submit', class: 'button button-primary', id: id('submit') }, 'Enregistrer l’acte');
  const feedback = h('div', { class: 'act-feedback' });
  const status = h('p', { class: 'act-status', role: 'status', 'aria-live': 'polite' });

  const selectedItem = (): AgendaItem | undefined => input.seance.agenda.find((i) => i.id === itemSelect.value);
  const selectedOutcome = (): ActOutcome | undefined => outcomeInputs.find((r) => r.checked)?.value as ActOutcome | undefined;

  const sync = (): void => {
    const kind = kindSelect.value as ActKind;
    const withOutcome = actsWithOutcome.includes(kind);
    outcomeSet.hidden = !withOutcome;
    votesSet.hidden = !withOutcome;
    reservesField.hidden = !(withOutcome && selectedOutcome() === 'favorable_reserves');
    outcomeSet.querySelector('legend')!.firstChild!.textContent = kind === 'avis' ? 'Sens de l’avis ' : 'Résultat ';
    (outcomeSet.querySelector('.required-mark') as HTMLElement).hidden = kind !== 'avis';
  };

  const select = (itemId: string): void => {
    const item = input.seance.agenda.find((i) => i.id === itemId && i.version);
    if (!item) return;
    itemSelect.value = item.id;
    kindSelect.value = item.act;
    sync();
  };

  itemSelect.addEventListener('change', () => {
    const item = selectedItem();
    if (item) kindSelect.value = item.act;
    sync();
  });
  kindSelect.addEventListener('change', sync);
  for (const r of outcomeInputs) r.addEventListener('change', sync);

  const clearErrors = (): void => {
    for (const el of [outcomeError, votesError, reservesError]) el.textContent = '';
    for (const el of [reserves, ...Object.values(votes)]) el.removeAttribute('aria-invalid');
    feedback.replaceChildren();
  };

  const showFieldErrors = (errors: { path: string; message: string }[], summary: string): void => {
    for (const e of errors) {
      if (e.path === 'outcome') outcomeError.textContent = e.message;
      else if (e.path === 'reserves') {
        reservesError.textContent = e.message;
        reserves.setAttribute('aria-invalid', 'true');
      } else if (e.path.startsWith('votes')) votesError.textContent = e.message;
    }
    const box = h('div', { class: 'alert alert-error', role: 'alert' }, h('p', {}, summary), h('ul', {}, ...errors.map((e) => h('li', {}, e.message))));
    replaceChildren(feedback, box);
  };

  const buildBody = (): NewAct | null => {
    const item = selectedItem();
    const kind = kindSelect.value as ActKind;
    const errors: { path: string; message: string }[] = [];
    if (!item || !item.version) {
      errors.push({ path: 'item', message: 'Choisissez un point de l’ordre du jour dont la version est figée.' });
    }
    const withOutcome = actsWithOutcome.includes(kind);
    const outcome = withOutcome ? selectedOutcome() : undefined;
    if (kind === 'avis' && !outcome)
      errors.push({ path: 'outcome', message: 'Indiquez le sens de l’avis : favorable, favorable avec réserves ou défavorable.' });
    if (outcome === 'favorable_reserves' && !reserves.value.trim()) errors.push({ path: 'reserves', message: 'Énoncez les réserves de l’avis.' });
    let voteValues: NewAct['votes'];
    if (withOutcome) {
      const raw = [votes.pour.value, votes.contre.value, votes.abstention.value].map((v) => v.trim());
      if (raw.some((v) => v !== '')) {
        const nums = raw.map((v) => (v === '' ? 0 : Number(v)));
        if (nums.some((x) => !Number.isInteger(x) || x < 0)) errors.push({ path: 'votes', message: 'Les votes sont des nombres entiers positifs ou nuls.' });
        else voteValues = { pour: nums[0]!, contre: nums[1]!, abstention: nums[2]! };
      }
    }
    if (errors.length > 0) {
      showFieldErrors(errors, 'L’acte n’est pas enregistré : corrigez le formulaire.');
      return null;
    }
    const pvDoc = plainTextToDoc(pv.value);
    return {
      projectId: item!.project.id,
      versionId: item!.version!.id,
      kind,
      ...(outcome ? { outcome } : {}),
      ...(voteValues ? { votes: voteValues } : {}),
      ...(withOutcome && reserves.value.trim() ? { reserves: reserves.value.trim() } : {}),
      ...(notes.value.trim() ? { notes: notes.value.trim() } : {}),
      ...(pvDoc ? { pvExtract: pvDoc } : {}),
      ...(pvDocument.value ? { pvDocumentId: pvDocument.value } : {}),
    };
  };

  const showRuleViolation = (error: ApiError, body: NewAct): void => {
    const rules = rulesOf(error);
    const overridable = rules.every((r) => r.overridable);
    const role = input.roles.get(body.projectId);
    const isCoordinator = role === 'coordinator';
    const box = h(
      'div',
      { class: 'alert alert-error rule-violation', role: 'alert' },
      h('p', { class: 'rule-title' }, 'L’acte n’est pas enregistré : les règles d’enchaînement des instances ne sont pas respectées.'),
      h(
        'ul',
        { class: 'rule-list' },
        ...rules.map((r) => h('li', { 'data-rule': r.rule }, r.message, r.overridable ? '' : ' (règle impérative, sans dérogation possible)')),
      ),
    );
    const parts: HTMLElement[] = [box];
    if (overridable && isCoordinator) {
      const justification = h('textarea', { id: id('override'), rows: 3, required: true, minlength: 10, 'aria-describedby': id('override-hint') });
      const overrideError = h('p', { class: 'field-error' });
      const confirm = h('button', { type: 'button', class: 'button', id: id('override-submit') }, 'Enregistrer avec dérogation');
      confirm.addEventListener('click', () => {
        const text = justification.value.trim();
        if (text.length < 10) {
          overrideError.textContent = 'Justifiez la dérogation en une phrase au moins (10 caractères).';
          justification.setAttribute('aria-invalid', 'true');
          justification.focus();
          return;
        }
        void send({ ...body, override: { justification: text } });
      });
      parts.push(
        h(
          'div',
          { class: 'override-box' },
          h(
            'p',
            { id: id('override-hint') },
            'En tant que coordonnateur du projet, vous pouvez enregistrer l’acte malgré ces règles, en motivant la dérogation. Elle sera inscrite au journal d’audit avec votre justification.',
          ),
          h('label', { for: id('override') }, 'Justification de la dérogation'),
          justification,
          overrideError,
          confirm,
        ),
      );
    } else if (overridable) {
      parts.push(
        h(
          'p',
          { class: 'override-hint' },
          'Ces règles admettent une dérogation motivée : un coordonnateur du projet peut l’enregistrer (avec sa justification, inscrite au journal d’audit). L’acte pourra ensuite être enregistré. Lien à lui transmettre : ',
          h(
            'a',
            { href: govHash({ page: 'seance', seanceId: input.seance.id, focus: 'derogations' }), class: 'derogation-link' },
            'dérogations de cette séance',
          ),
          '.',
        ),
      );
    }
    replaceChildren(feedback, ...parts);
  };

  const send = async (body: NewAct): Promise<void> => {
    submit.disabled = true;
    status.textContent = 'Enregistrement de l’acte…';
    try {
      const act = await gov.recordAct(input.seance.id, body);
      status.textContent = `Acte enregistré : ${actKindLabels[act.kind]}${act.outcome ? ` ${actOutcomeLabels[act.outcome]}` : ''} (version ${act.version.number}).`;
      feedback.replaceChildren();
      input.onRecorded(act);
    } catch (error) {
      status.textContent = '';
      if (isSessionGone(error)) return;
      if (error instanceof ApiError && error.code === 'rule_violation') showRuleViolation(error, body);
      else if (error instanceof ApiError && error.fields.length > 0) showFieldErrors(error.fields, error.message);
      else replaceChildren(feedback, h('div', { class: 'alert alert-error', role: 'alert' }, h('p', {}, `L’acte n’est pas enregistré : ${errorText(error)}`)));
      const alert = feedback.querySelector<HTMLElement>('[role="alert"]');
      if (alert) focusOn(alert);
    } finally {
      submit.disabled = false;
    }
  };

  const form = h(
    'form',
    { class: 'act-form', novalidate: true, 'aria-labelledby': id('heading') },
    h('h2', { id: id('heading') }, 'Enregistrer un acte'),
    items.length === 0
      ? h(
          'p',
          { class: 'alert alert-warning' },
          'Aucun point de l’ordre du jour n’a de version figée : indiquez d’abord la version présentée pour chaque point.',
        )
      : null,
    h(
      'div',
      { class: 'form-field' },
      h('label', { for: id('item') }, 'Point de l’ordre du jour'),
      h('p', { class: 'form-hint', id: id('item-hint') }, 'L’acte porte sur la version figée inscrite à l’ordre du jour.'),
      itemSelect,
    ),
    h('div', { class: 'form-field' }, h('label', { for: id('kind') }, 'Type d’acte'), kindSelect),
    outcomeSet,
    reservesField,
    votesSet,
    h(
      'div',
      { class: 'form-field' },
      h('label', { for: id('pv') }, 'Extrait du procès-verbal'),
      h('p', { class: 'form-hint', id: id('pv-hint') }, 'Texte de l’extrait tel qu’il figurera au dossier (un paragraphe par ligne).'),
      pv,
    ),
    input.seance.documents.length
      ? h('div', { class: 'form-field' }, h('label', { for: id('pv-document') }, 'Procès-verbal joint (document de la séance)'), pvDocument)
      : null,
    h('div', { class: 'form-field' }, h('label', { for: id('notes') }, 'Observations'), notes),
    h('p', { class: 'actions' }, submit),
    status,
    feedback,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearErrors();
    const body = buildBody();
    if (body) void send(body);
    else focusOn(feedback.querySelector<HTMLElement>('[role="alert"]') ?? form);
  });

  // First item with a version (or the one asked for) preselected.
  const first = (input.itemId && items.find((i) => i.id === input.itemId)) || items.find((i) => !i.recordedActId) || items[0];
  if (first) select(first.id);
  else sync();
  // Its answers go to its own form: nothing to stop.
  return { element: form, select, destroy() {} };
}
