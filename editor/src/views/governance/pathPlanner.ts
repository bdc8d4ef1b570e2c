import { actKindLabels } from '../../../../schemas/governance';
import { h, replaceChildren } from '../../dom';
import { formatDay, parisDay } from './dates';
import { gov, type Instance, type Seance, type Step, type Timeline } from './govApi';
import { govHash } from './routes';
import { errorText, focusOn, isSessionGone, tag } from './ui';

interface PlanRow {
  step: Step;
  include: HTMLInputElement;
  instance: HTMLSelectElement | null;
}

/**
 * "Planifier les séances du parcours": the required steps still to record on the current
 * version, each with the instance that holds it (among those whose secretariat the user keeps),
 * put on the agendas of one day in one submission. A séance of that instance already planned
 * that day gets the point; otherwise the séance is created. The convocation date, when given,
 * is recorded for the séances that have none. Every write is the secretary's ordinary one
 * (POST /api/seances, …/agenda, …/convocation), checked by the server as usual.
 */
export function pathPlannerForm(input: {
  projectId: string;
  projectOrganisationId: string | null;
  timeline: Timeline;
  instances: Instance[];
  /** After the séances are planned: what was done, and the day (for the link to its acts form). */
  onPlanned(message: string, day: string): void;
}): HTMLElement | null {
  const version = input.timeline.latestVersion;
  if (!version || !input.instances.some((i) => i.canManage)) return null;
  const candidates = input.timeline.steps.filter((s) => s.required && s.stage === 'before' && s.status !== 'done');
  if (candidates.length === 0) return null;
  const planned = new Set(candidates.map((s) => s.stepId));
  // A step with no owner (no military hospital in the GHT) has no state: nothing to wait for.
  const pendingIds = new Set(input.timeline.steps.filter((s) => s.status !== 'done').map((s) => s.stepId));

  const rows: PlanRow[] = candidates.map((step) => {
    const organisationId = step.organisationId ?? input.projectOrganisationId;
    const fitting = input.instances.filter((i) => i.canManage && step.instanceKinds.includes(i.kind) && i.organisationId === organisationId);
    // Ticked when it can go on this day's agendas: not already planned, and nothing it waits
    // for lies outside the plan (a transmission to the ARS happens when the package is built).
    const waitsOutside = step.requires.some((id) => pendingIds.has(id) && !planned.has(id));
    const include = h('input', {
      type: 'checkbox',
      id: `plan-${step.stepId}-${step.organisationId ?? 'projet'}`,
      checked: fitting.length > 0 && step.status === 'todo' && !waitsOutside,
    });
    include.disabled = fitting.length === 0;
    const instance =
      fitting.length > 0 ? h('select', { 'aria-label': `Instance — ${step.label}` }, ...fitting.map((i) => h('option', { value: i.id }, i.name))) : null;
    return { step, include, instance };
  });

  const date = h('input', { type: 'date', id: 'plan-date', value: parisDay(), required: true });
  const sentOn = h('input', { type: 'date', id: 'plan-convocation', max: parisDay(), 'aria-describedby': 'plan-convocation-hint' });
  const submit = h('button', { type: 'submit', class: 'button button-primary', id: 'plan-submit' }, 'Inscrire à l’ordre du jour');
  const status = h('div', { class: 'plan-status', role: 'status', 'aria-live': 'polite' });

  const table = h(
    'table',
    { class: 'gov-table plan-table' },
    h('caption', {}, `Étapes requises à inscrire (version ${version.number} « ${version.label} »)`),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, 'Inscrire'),
        h('th', { scope: 'col' }, 'Étape'),
        h('th', { scope: 'col' }, 'Instance'),
        h('th', { scope: 'col' }, 'Où en est-elle'),
      ),
    ),
    h(
      'tbody',
      {},
      ...rows.map((r) =>
        h(
          'tr',
          { 'data-step-id': r.step.stepId, 'data-organisation-id': r.step.organisationId ?? '' },
          h('td', {}, r.include),
          h('th', { scope: 'row' }, h('label', { for: r.include.id }, r.step.label)),
          h('td', {}, r.instance ?? h('span', { class: 'cell-sub' }, 'aucune instance dont vous tenez le secrétariat')),
          h(
            'td',
            {},
            r.step.planned
              ? h('span', {}, tag('prévue', 'info'), ` séance du ${formatDay(r.step.planned.date)}`)
              : r.step.ready
                ? tag('prête', 'ok')
                : tag('attend une étape précédente', 'neutral'),
          ),
        ),
      ),
    ),
  );

  const form = h(
    'form',
    { class: 'path-planner', 'aria-labelledby': 'plan-heading' },
    h('h2', { id: 'plan-heading' }, 'Planifier les séances du parcours'),
    h(
      'p',
      { class: 'form-hint' },
      'Les étapes cochées sont inscrites à l’ordre du jour d’une séance de leur instance à la date choisie (créée si aucune n’est prévue ce jour-là).',
    ),
    h(
      'div',
      { class: 'form-row' },
      h('div', { class: 'form-field' }, h('label', { for: 'plan-date' }, 'Date des séances'), date),
      h(
        'div',
        { class: 'form-field' },
        h('label', { for: 'plan-convocation' }, 'Convocation envoyée le (facultatif)'),
        h('p', { class: 'form-hint', id: 'plan-convocation-hint' }, 'Pour des séances déjà tenues que vous saisissez a posteriori.'),
        sentOn,
      ),
    ),
    h('div', { class: 'table-scroll' }, table),
    h('p', { class: 'actions' }, submit),
    status,
  );

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const chosen = rows.filter((r) => r.include.checked && r.instance);
    if (!date.value || chosen.length === 0) {
      replaceChildren(
        status,
        h('p', { class: 'alert alert-error', role: 'alert' }, !date.value ? 'Choisissez la date des séances.' : 'Cochez au moins une étape.'),
      );
      focusOn(status.firstElementChild as HTMLElement);
      return;
    }
    submit.disabled = true;
    replaceChildren(status, 'Inscription en cours…');
    try {
      const byInstance = new Map<string, PlanRow[]>();
      for (const r of chosen) byInstance.set(r.instance!.value, [...(byInstance.get(r.instance!.value) ?? []), r]);
      let created = 0;
      for (const [instanceId, group] of byInstance) {
        const agenda = group.map((r) => ({ projectId: input.projectId, versionId: version.id, act: r.step.act }));
        const existing = (await gov.seances({ instanceId, from: date.value, to: date.value })).find((s: Seance) => s.status !== 'cancelled' && s.canManage);
        let seanceId: string;
        let convocationSent: string | null = null;
        if (existing) {
          seanceId = existing.id;
          convocationSent = existing.convocation.sentOn;
          for (const item of agenda) {
            const already = existing.agenda.some((a) => a.project.id === item.projectId && a.act === item.act && a.version?.id === version.id);
            if (!already) await gov.addAgendaItem(seanceId, item);
          }
        } else {
          seanceId = (await gov.createSeance({ instanceId, date: date.value, agenda })).id;
          created++;
        }
        if (sentOn.value && !convocationSent) await gov.markConvocationSent(seanceId, sentOn.value);
      }
      const items = chosen.map((r) => `${actKindLabels[r.step.act]} (${r.step.label})`);
      input.onPlanned(
        `${chosen.length} étape${chosen.length > 1 ? 's' : ''} inscrite${chosen.length > 1 ? 's' : ''} pour le ${formatDay(date.value)} (${created} séance${created > 1 ? 's' : ''} créée${created > 1 ? 's' : ''}) : ${items.join(', ')}.`,
        date.value,
      );
    } catch (error) {
      submit.disabled = false;
      if (isSessionGone(error)) return;
      replaceChildren(status, h('p', { class: 'alert alert-error', role: 'alert' }, `Inscription interrompue : ${errorText(error)}`));
      focusOn(status.firstElementChild as HTMLElement);
    }
  });
  return form;
}

/** The link from a planned day to the form recording its acts. */
export function plannedDayLink(day: string): HTMLElement {
  return h(
    'p',
    { class: 'plan-day' },
    h('a', { id: 'plan-day-link', href: govHash({ page: 'seanceDay', date: day }) }, `Enregistrer les actes des séances du ${formatDay(day)}`),
  );
}
