import type { Deps } from '../deps';
import { currentContent, versionContent } from '../queries/versions';
import { DomainError } from '../errors';
import { listActs, type ActView } from './acts';
import type { GovernanceConfig } from './config';
import { diffContents } from './diff';
import { addDays, addMonths, daysBetween, formatDateFr, parisDate } from './parisTime';
import { missingRequired, nextSteps, pathProgress, type StepState } from './progress';
import { versionProgressOverPath } from './memberScope';
import { actFacts, governanceConfigFor, plannedFacts, projectScope, versionLabel } from './projectContext';
import { actOf, agree, capitalize, ofInstance, pronoun } from './wording';
import type { StaleAct, NotRequiredAct, Deadline, Timeline } from '../../schemas/api/governanceViews';
export type { StaleAct, NotRequiredAct, Deadline, Timeline };

/** Acts whose standing depends on the exact text they were given on. */
const textBoundActs = new Set(['avis', 'consultation', 'approbation', 'deliberation']);

function convocationDeadlines(deps: Deps, config: GovernanceConfig, projectId: string, today: string): Deadline[] {
  const deadlines: Deadline[] = [];
  const seen = new Set<string>();
  for (const item of deps.store.seances.agendaOfProject(projectId)) {
    const seance = deps.store.seances.get(item.seanceId);
    const instance = seance && deps.store.instances.get(seance.instanceId);
    if (!seance || !instance || seance.status === 'cancelled' || seance.date < today || seen.has(seance.id)) continue;
    seen.add(seance.id);
    const days = config.convocationDays[instance.kind];
    if (!days) continue;
    const date = addDays(seance.date, -days);
    const sent = seance.convocationSentOn;
    const status = sent ? (sent <= date ? 'met' : 'overdue') : today > date ? 'overdue' : 'upcoming';
    const close = !sent && daysBetween(today, date) <= config.reminders.convocationLeadDays;
    deadlines.push({
      kind: 'convocation',
      date,
      label: `Convocation ${ofInstance(instance.kind)} pour la séance du ${formatDateFr(seance.date)} (${days} jours avant)`,
      status,
      atRisk: status === 'overdue' || close,
      risk:
        status === 'overdue' && !sent
          ? 'La date limite d’envoi est dépassée.'
          : close
            ? `Plus que ${Math.max(0, daysBetween(today, date))} jour(s) pour l’envoyer.`
            : null,
      seanceId: seance.id,
      actId: null,
    });
  }
  return deadlines;
}

/**
 * The transmission target: for a path with an ARS step, the first one (the PMP before signature);
 * otherwise the end of the path (the PM's approval by the Directoire).
 */
function targetDeadline(due: string, config: GovernanceConfig, steps: StepState[], today: string): Deadline {
  const index = config.path.findIndex((s) => s.stage === 'transmission');
  const target = config.path[index];
  const before = new Set((target ? config.path.slice(0, index) : config.path).map((s) => s.id));
  const pending = steps.filter((s) => before.has(s.stepId) && s.required && s.stage === 'before' && s.status !== 'done');
  const doneOn = target
    ? steps.find((s) => s.stepId === target.id && s.status === 'done')?.doneBy?.date
    : pending.length === 0
      ? steps
          .filter((s) => s.required && s.doneBy)
          .map((s) => s.doneBy!.date)
          .sort()
          .at(-1)
      : undefined;
  const unplanned = pending.filter((s) => s.status === 'todo');
  const late = pending.filter((s) => s.planned && s.planned.date > due);
  const risks: string[] = [];
  if (unplanned.length > 0) risks.push(`${unplanned.length} acte(s) requis sans séance prévue`);
  if (late.length > 0) risks.push(`${late.length} acte(s) prévu(s) après l’échéance`);
  const close = daysBetween(today, due) <= config.atRiskDays && pending.length > 0;
  const status = doneOn ? (doneOn <= due ? 'met' : 'overdue') : today > due ? 'overdue' : 'upcoming';
  return {
    kind: 'transmission',
    date: due,
    label: target ? `Transmission à l’ARS au plus tard le ${formatDateFr(due)}` : `Adoption au plus tard le ${formatDateFr(due)}`,
    status,
    atRisk: !doneOn && (status === 'overdue' || risks.length > 0 || close),
    risk: doneOn ? null : [...risks, ...(close && risks.length === 0 ? [`${pending.length} acte(s) requis restant(s)`] : [])].join(' ; ') || null,
    seanceId: null,
    actId: null,
  };
}

/**
 * The ARS's silence clock: from the act of a step that starts it (the receipt of the signed
 * convention or avenant, never of the PMP sent for information), on each version of the line.
 */
function tacitApprovalDeadlines(progress: { version: ActView['version']; steps: StepState[] }[], config: GovernanceConfig, today: string): Deadline[] {
  return progress.flatMap(({ version, steps }) =>
    steps
      .filter((s) => s.startsTacitApproval && s.doneBy)
      .map((s) => {
        const received = s.doneBy!.date;
        const date = addMonths(received, config.tacitApprovalMonths);
        return {
          kind: 'tacit_approval' as const,
          date,
          label: `Approbation tacite de l’ARS le ${formatDateFr(date)} (${config.tacitApprovalMonths} mois après réception de la convention ou de l’avenant signé le ${formatDateFr(received)}, ${versionLabel(version)})`,
          status: today >= date ? ('met' as const) : ('upcoming' as const),
          atRisk: false,
          risk: null,
          seanceId: null,
          actId: s.doneBy!.actId,
        };
      }),
  );
}

/** Acts that fulfil no required step of the path in force, said so (they stay recorded). */
function notRequiredActs(acts: (ActView & { steps: string[]; required: boolean })[], config: GovernanceConfig): NotRequiredAct[] {
  const extensions = new Map(config.path.filter((s) => s.extension).map((s) => [s.id, s.extension!]));
  return acts
    .filter((a) => !a.required && (a.steps.length === 0 || a.steps.every((id) => extensions.has(id))))
    .map((a) => {
      const what = `${capitalize(actOf(a.kind, [a.instance.kind]))} du ${formatDateFr(a.seance.date)} (${versionLabel(a.version)})`;
      const extension = a.steps.length > 0 ? extensions.get(a.steps[0]!)! : null;
      const message = extension
        ? `${what} relève de l’étape facultative « ${extensionLabels[extension] ?? extension} » : ${pronoun(a.kind)} n’est pas ${agree(a.kind, 'requis')} pour ce document.`
        : `${what} n’est pas ${agree(a.kind, 'requis')} par le parcours en vigueur : ${pronoun(a.kind)} reste ${agree(a.kind, 'enregistré')}, sans effet sur le parcours.`;
      return { actId: a.id, message };
    });
}

const extensionLabels: Record<string, string> = { 'projet-etablissement': 'intégration au projet d’établissement' };

/**
 * The project's approval at a glance: acts done (flagged stale when the text changed since),
 * the path of the latest version of the current line, what is next, and the deadlines.
 */
export function projectTimeline(deps: Deps, projectId: string, now = new Date()): Timeline {
  const project = deps.store.projects.get(projectId);
  if (!project) throw new DomainError('not_found', 'project_not_found', 'Projet introuvable.');
  const today = parisDate(now);
  const config = governanceConfigFor(deps, project.organisationId, project.kind);
  const scope = projectScope(deps, project);
  const lineNumber = deps.store.versions.currentLine(projectId);
  const lineInfo = deps.store.versions.lines(projectId).find((l) => l.line === lineNumber);
  const versions = deps.store.versions.list(projectId);
  const lineVersions = versions.filter((v) => v.line === lineNumber);
  const latest = lineVersions[lineVersions.length - 1] ?? null;
  const current = currentContent(deps, projectId);
  const lineOf = new Map(versions.map((v) => [v.id, v.line]));

  // Annulled acts stay on the timeline, marked; they make nothing stale and start no clock.
  const shownActs = listActs(deps, projectId, { withAnnulled: true });
  const allActs = shownActs.filter((a) => a.annulled === null);
  const staleIds = new Set(
    allActs.filter((a) => lineOf.get(a.version.id) === lineNumber && textBoundActs.has(a.kind) && a.version.hash !== current.hash).map((a) => a.id),
  );
  const diffs = new Map<string, ReturnType<typeof diffContents>>();
  const stale: StaleAct[] = allActs
    .filter((a) => staleIds.has(a.id))
    .map((act) => {
      if (!diffs.has(act.version.id)) diffs.set(act.version.id, diffContents(versionContent(deps, projectId, act.version.id), current.content));
      const diff = diffs.get(act.version.id)!;
      return {
        act,
        message: `Le texte a changé depuis ${actOf(act.kind, [act.instance.kind], act.instance.organisationName || undefined)} du ${formatDateFr(act.seance.date)} (${versionLabel(act.version)}) : une nouvelle consultation ou un avenant est nécessaire pour la version modifiée.`,
        changes: { summary: diff.summary, sections: diff.sections.map((s) => ({ sectionId: s.sectionId, title: s.title, change: s.change })) },
      };
    });

  const facts = actFacts(deps, projectId);
  const planned = plannedFacts(deps, projectId, today);
  const progressOf = new Map<string, StepState[]>();
  const stepsOf = (versionId: string): StepState[] => {
    if (!progressOf.has(versionId)) progressOf.set(versionId, versionProgressOverPath({ config, scope, versionId, facts, planned }));
    return progressOf.get(versionId)!;
  };
  const steps = latest ? stepsOf(latest.id) : pathProgress({ config, scope, versionId: null, facts, planned });
  const acts = shownActs.map((a) => {
    const fulfilled = a.annulled ? [] : stepsOf(a.version.id).filter((s) => s.doneBy?.actId === a.id);
    return {
      ...a,
      stale: staleIds.has(a.id),
      line: lineOf.get(a.version.id) ?? 1,
      steps: [...new Set(fulfilled.map((s) => s.stepId))],
      required: fulfilled.some((s) => s.required),
    };
  });
  const lineActs = acts.filter((a) => a.line === lineNumber && a.annulled === null);
  const lineVersionsWithActs = lineVersions.filter((v) => lineActs.some((a) => a.version.id === v.id));
  const due = deps.store.governanceSettings.transmissionDue(projectId);
  const deadlines = [
    ...convocationDeadlines(deps, config, projectId, today),
    ...(due ? [targetDeadline(due, config, steps, today)] : []),
    ...tacitApprovalDeadlines(
      lineVersionsWithActs.map((v) => ({ version: { id: v.id, number: v.number, label: v.label, hash: v.hash }, steps: stepsOf(v.id) })),
      config,
      today,
    ),
  ].sort((a, b) => a.date.localeCompare(b.date));

  const dates = [
    today,
    ...shownActs.map((a) => a.seance.date),
    ...steps.flatMap((s) => (s.planned ? [s.planned.date] : [])),
    ...deadlines.map((d) => d.date),
  ].sort();
  return {
    today,
    line: { number: lineNumber, label: lineInfo?.label ?? 'Version initiale', basedOnVersionId: lineInfo?.basedOnVersionId ?? null },
    currentHash: current.hash,
    latestVersion: latest && {
      id: latest.id,
      number: latest.number,
      label: latest.label,
      hash: latest.hash,
      createdAt: latest.createdAt,
      matchesCurrentText: latest.hash === current.hash,
    },
    acts,
    steps,
    next: nextSteps(steps),
    missing: latest ? missingRequired(steps) : ['Aucune version n’est figée : figez une version pour la présenter aux instances.'],
    stale,
    notRequired: notRequiredActs(lineActs, config),
    deadlines,
    range: { from: dates[0]!, to: dates[dates.length - 1]! },
    etablissements: [...new Set(steps.flatMap((s) => (s.organisationId ? [s.organisationId] : [])))].map((id) => ({
      id,
      name: deps.store.organisations.get(id)?.name ?? 'Établissement',
    })),
  };
}
