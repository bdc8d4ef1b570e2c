import { instanceKindLabels } from '../../schemas/governance';
import type { Deps } from '../commands/deps';
import { currentContent, versionContent } from '../commands/versions';
import { HttpError } from '../http/errors';
import { listActs, type ActView } from './acts';
import type { GovernanceConfig } from './config';
import { diffContents, type Change } from './diff';
import { addDays, addMonths, daysBetween, formatDateFr, parisDate } from './parisTime';
import { missingBeforeTransmission, nextSteps, pathProgress, type StepState } from './progress';
import { actFacts, governanceConfigFor, plannedFacts, projectScope, versionLabel } from './projectContext';

/** Acts whose standing depends on the exact text they were given on. */
const textBoundActs = new Set(['avis', 'consultation', 'approbation', 'deliberation']);

export interface StaleAct {
  act: ActView;
  /** French sentence: what makes it stale and what to do. */
  message: string;
  changes: { summary: string; sections: { sectionId: string; title: string; change: Change }[] };
}

export interface Deadline {
  kind: 'convocation' | 'transmission' | 'tacit_approval';
  date: string;
  label: string;
  status: 'upcoming' | 'met' | 'overdue';
  atRisk: boolean;
  /** Why it is at risk, in French. */
  risk: string | null;
  seanceId: string | null;
  actId: string | null;
}

export interface Timeline {
  today: string;
  line: { number: number; label: string; basedOnVersionId: string | null };
  currentHash: string;
  latestVersion: { id: string; number: number; label: string; hash: string; createdAt: string; matchesCurrentText: boolean } | null;
  acts: (ActView & { stale: boolean; line: number })[];
  steps: StepState[];
  next: StepState[];
  missing: string[];
  stale: StaleAct[];
  deadlines: Deadline[];
  /** Span for a Gantt-like line: from the first act or séance (or today) to the furthest deadline. */
  range: { from: string; to: string };
}

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
      label: `Convocation de ${instanceKindLabels[instance.kind]} pour la séance du ${formatDateFr(seance.date)} (${days} jours avant)`,
      status,
      atRisk: status === 'overdue' || close,
      risk: status === 'overdue' && !sent ? 'La date limite d’envoi est dépassée.' : close ? `Plus que ${Math.max(0, daysBetween(today, date))} jour(s) pour l’envoyer.` : null,
      seanceId: seance.id,
      actId: null,
    });
  }
  return deadlines;
}

function transmissionDeadline(due: string, steps: StepState[], config: GovernanceConfig, today: string): Deadline {
  const transmitted = steps.find((s) => s.stage === 'transmission' && s.status === 'done');
  const pending = steps.filter((s) => s.required && s.stage === 'before' && s.status !== 'done');
  const unplanned = pending.filter((s) => s.status === 'todo');
  const late = pending.filter((s) => s.planned && s.planned.date > due);
  const risks: string[] = [];
  if (unplanned.length > 0) risks.push(`${unplanned.length} acte(s) requis sans séance prévue`);
  if (late.length > 0) risks.push(`${late.length} acte(s) prévu(s) après l’échéance`);
  const close = daysBetween(today, due) <= config.atRiskDays && pending.length > 0;
  const status = transmitted ? (transmitted.doneBy!.date <= due ? 'met' : 'overdue') : today > due ? 'overdue' : 'upcoming';
  return {
    kind: 'transmission',
    date: due,
    label: `Transmission à l’ARS au plus tard le ${formatDateFr(due)}`,
    status,
    atRisk: !transmitted && (status === 'overdue' || risks.length > 0 || close),
    risk: transmitted ? null : [...risks, ...(close && risks.length === 0 ? [`${pending.length} acte(s) requis restant(s)`] : [])].join(' ; ') || null,
    seanceId: null,
    actId: null,
  };
}

function tacitApprovalDeadlines(acts: ActView[], config: GovernanceConfig, today: string): Deadline[] {
  return acts
    .filter((a) => a.kind === 'accuse_reception')
    .map((a) => {
      const date = addMonths(a.seance.date, config.tacitApprovalMonths);
      return {
        kind: 'tacit_approval' as const,
        date,
        label: `Approbation tacite de l’ARS le ${formatDateFr(date)} (${config.tacitApprovalMonths} mois après réception le ${formatDateFr(a.seance.date)}, ${versionLabel(a.version)})`,
        status: today >= date ? ('met' as const) : ('upcoming' as const),
        atRisk: false,
        risk: null,
        seanceId: a.seance.id,
        actId: a.id,
      };
    });
}

/**
 * The project's approval at a glance: acts done (flagged stale when the text changed since),
 * the path of the latest version of the current line, what is next, and the deadlines.
 */
export function projectTimeline(deps: Deps, projectId: string, now = new Date()): Timeline {
  const project = deps.store.projects.get(projectId);
  if (!project) throw new HttpError(404, 'project_not_found', 'Projet introuvable.');
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
        message: `Le texte a changé depuis ${act.kind === 'avis' ? 'l’avis' : 'l’acte'} de ${act.instance.name} du ${formatDateFr(act.seance.date)} (${versionLabel(act.version)}) : une nouvelle consultation ou un avenant est nécessaire pour la version modifiée.`,
        changes: { summary: diff.summary, sections: diff.sections.map((s) => ({ sectionId: s.sectionId, title: s.title, change: s.change })) },
      };
    });

  const steps = pathProgress({ config, scope, versionId: latest?.id ?? null, facts: actFacts(deps, projectId), planned: plannedFacts(deps, projectId, today) });
  const due = deps.store.governanceSettings.transmissionDue(projectId);
  const deadlines = [
    ...convocationDeadlines(deps, config, projectId, today),
    ...(due ? [transmissionDeadline(due, steps, config, today)] : []),
    ...tacitApprovalDeadlines(allActs.filter((a) => lineOf.get(a.version.id) === lineNumber), config, today),
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
    latestVersion: latest && { id: latest.id, number: latest.number, label: latest.label, hash: latest.hash, createdAt: latest.createdAt, matchesCurrentText: latest.hash === current.hash },
    acts: shownActs.map((a) => ({ ...a, stale: staleIds.has(a.id), line: lineOf.get(a.version.id) ?? 1 })),
    steps,
    next: nextSteps(steps),
    missing: latest ? missingBeforeTransmission(steps) : ['Aucune version n’est figée : figez une version pour la présenter aux instances.'],
    stale,
    deadlines,
    range: { from: dates[0]!, to: dates[dates.length - 1]! },
  };
}
