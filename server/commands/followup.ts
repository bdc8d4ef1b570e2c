import { readYearlyValue } from '../../schemas/indicatorUnits';
import type { FollowupView, Piloted } from '../../schemas/api/followup';
import { kindsWithBilan } from '../../schemas/project';
import type { Deps } from '../deps';
import { indicatorChartSvg } from '../export/charts/indicatorChart';
import { DomainError } from '../errors';
import { parisDate } from '../governance/parisTime';
import { trajectoryRuleFr } from '../governance/trajectory';
import { frozenPlan, latestAdoptedVersion, notAdopted, type FrozenFiche, type FrozenIndicator } from '../queries/followup';
import { cachedFollowup } from '../queries/followupCache';
import { versionContent } from '../queries/versions';
import type { UserRecord } from '../store/users';
import { findReadableProject } from './projects';

/**
 * The follow-up writes (issue 24): a yearly value of an indicator, an étape done. They go to the
 * follow-up tables, never to the document or a version, and each is in the audit log. Who: the
 * project's coordinators and the fiche-action's pilots (policies/can.ts, `followup.write`).
 */

export interface YearlyValueInput {
  value: unknown;
  date?: string | null;
  source?: string | null;
  comment?: string | null;
}

const invalid = (path: string, message: string) => new DomainError('invalid', 'validation_failed', 'Données invalides (corps).', [{ path, message }]);

interface AdoptedPlan {
  versionId: string;
  indicators: Map<string, FrozenIndicator>;
  fiches: Map<string, FrozenFiche>;
  period: { startYear: number; endYear: number } | null;
}

export function adoptedPlan(deps: Deps, user: UserRecord, projectId: string): AdoptedPlan {
  const project = findReadableProject(deps, user, projectId);
  const version = latestAdoptedVersion(deps, projectId);
  if (!version) throw notAdopted();
  const plan = frozenPlan(versionContent(deps, projectId, version.id));
  return {
    versionId: version.id,
    indicators: new Map(plan.indicators.map((i) => [i.id, i])),
    fiches: new Map(plan.fiches.map((f) => [f.id, f])),
    period: project.period,
  };
}

function requireWriter(deps: Deps, user: UserRecord, projectId: string, piloted: Piloted): void {
  if (!deps.policy.can(user, { action: 'followup.write', projectId, piloted })) {
    throw new DomainError('forbidden', 'forbidden', 'Seuls les pilotes de la fiche-action et les coordonnateurs du projet saisissent son suivi.');
  }
}

/** Years a value may be entered for: the project's five years and the year before (a late baseline), once begun. */
export function checkYear(period: AdoptedPlan['period'], year: number, today: string): void {
  const first = (period?.startYear ?? 2000) - 1;
  const last = period?.endYear ?? 2100;
  if (!Number.isInteger(year) || year < first || year > last) throw invalid('year', `L’année doit être comprise entre ${first} et ${last}.`);
  if (year > Number(today.slice(0, 4))) throw invalid('year', `L’année ${year} n’a pas commencé : sa valeur ne peut pas encore être saisie.`);
}

/** Checks one yearly value against the indicator; returns what to store, or throws 400 with the field at fault. */
export function readValue(indicator: FrozenIndicator, year: number, input: YearlyValueInput, today: string, prefix = '') {
  const read = readYearlyValue(indicator.unit, input.value);
  if ('error' in read) throw invalid(`${prefix}value`, read.error);
  const date = input.date ?? null;
  if (date !== null && (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(date))))
    throw invalid(`${prefix}date`, 'date attendue au format aaaa-mm-jj');
  if (date !== null && date > today) throw invalid(`${prefix}date`, 'La date de la mesure ne peut pas être dans le futur.');
  if (date !== null && Number(date.slice(0, 4)) < year) throw invalid(`${prefix}date`, `Une valeur de ${year} ne peut pas être mesurée avant cette année-là.`);
  const text = (v: string | null | undefined, path: string, max: number): string | null => {
    if (v === undefined || v === null || v.trim() === '') return null;
    if (v.length > max) throw invalid(`${prefix}${path}`, `${max} caractères au plus.`);
    return v.trim();
  };
  return { value: read.value, date, source: text(input.source, 'source', 200), comment: text(input.comment, 'comment', 2000) };
}

/** Records (or replaces) the value of `year` for an indicator of the latest adopted version. */
export function setIndicatorValue(
  deps: Deps,
  user: UserRecord,
  projectId: string,
  indicatorId: string,
  year: number,
  input: YearlyValueInput,
  now = new Date(),
): void {
  const plan = adoptedPlan(deps, user, projectId);
  const indicator = plan.indicators.get(indicatorId);
  if (!indicator) throw new DomainError('not_found', 'indicator_not_found', 'Cet indicateur n’est pas dans la version adoptée.');
  requireWriter(deps, user, projectId, indicator);
  const today = parisDate(now);
  checkYear(plan.period, year, today);
  const entry = readValue(indicator, year, input, today);
  writeValue(deps, user, projectId, plan.versionId, indicator, year, entry, 'saisie');
}

export function writeValue(
  deps: Deps,
  user: UserRecord,
  projectId: string,
  versionId: string,
  indicator: FrozenIndicator,
  year: number,
  entry: ReturnType<typeof readValue>,
  how: 'saisie' | 'import',
): void {
  const previous = deps.store.followup.values(projectId).find((v) => v.indicatorId === indicator.id && v.year === year);
  deps.store.transaction(() => {
    deps.store.followup.setValue(projectId, { indicatorId: indicator.id, year, ...entry, enteredBy: user.id });
    deps.store.audit.append({
      actorId: user.id,
      actorName: user.name,
      action: 'indicator.value',
      projectId,
      versionId,
      subjectType: 'indicator',
      subjectId: indicator.id,
      details: { year, ...entry, how, label: indicator.label, previous: previous ? { value: previous.value, by: previous.enteredBy } : null },
    });
  });
}

/** Marks an étape of a fiche-action done on `doneOn` (or not done, with null). */
export function setEtapeDone(deps: Deps, user: UserRecord, projectId: string, ficheId: string, etapeId: string, doneOn: string | null, now = new Date()): void {
  const plan = adoptedPlan(deps, user, projectId);
  const fiche = plan.fiches.get(ficheId);
  const etape = fiche?.etapes.find((e) => e.id === etapeId);
  if (!fiche || !etape) throw new DomainError('not_found', 'etape_not_found', 'Cette étape n’est pas dans la version adoptée.');
  requireWriter(deps, user, projectId, fiche);
  if (doneOn !== null && doneOn > parisDate(now)) throw invalid('doneOn', 'Une étape ne peut pas être faite dans le futur.');
  deps.store.transaction(() => {
    deps.store.followup.setEtapeDone(projectId, ficheId, etapeId, doneOn, user.id);
    deps.store.audit.append({
      actorId: user.id,
      actorName: user.name,
      action: 'etape.progress',
      projectId,
      versionId: plan.versionId,
      subjectType: 'etape',
      subjectId: etapeId,
      details: { ficheId, label: etape.label, due: etape.due, doneOn },
    });
  });
}

/** One indicator's chart as SVG (the screen loads each as an image, when it comes into view). */
export function readIndicatorChart(deps: Deps, user: UserRecord, projectId: string, indicatorId: string): string {
  findReadableProject(deps, user, projectId);
  const indicator = cachedFollowup(deps, projectId).indicators.find((i) => i.id === indicatorId);
  if (!indicator) throw new DomainError('not_found', 'indicator_not_found', 'Cet indicateur n’est pas dans la version adoptée.');
  return indicatorChartSvg(indicator);
}

/**
 * The follow-up as `user` sees it: each indicator and fiche-action says whether they may enter
 * its follow-up; with `charts`, each indicator carries its chart as SVG (export/charts).
 */
export function readFollowup(deps: Deps, user: UserRecord, projectId: string, options: { charts?: boolean } = {}, now = new Date()): FollowupView {
  const project = findReadableProject(deps, user, projectId);
  const followup = cachedFollowup(deps, projectId, now);
  const writes = (piloted: Piloted) => deps.policy.can(user, { action: 'followup.write', projectId, piloted });
  return {
    ...followup,
    rule: trajectoryRuleFr,
    bilans: deps.store.followup.bilansOf(projectId).map((b) => ({ id: b.projectId, year: b.year, title: deps.store.projects.get(b.projectId)?.title ?? '' })),
    canMakeBilan: kindsWithBilan.includes(project.kind) && deps.policy.can(user, { action: 'project.manage', projectId }),
    indicators: followup.indicators.map((i) => ({ ...i, editable: writes(i), ...(options.charts ? { chartSvg: indicatorChartSvg(i) } : {}) })),
    fiches: followup.fiches.map((f) => ({ ...f, editable: writes(f) })),
  };
}
