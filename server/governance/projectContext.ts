import type { ActKind, InstanceKind } from '../../schemas/governance';
import { memberCategory } from '../../schemas/organisation';
import type { DocumentKind } from '../../schemas/project';
import type { Deps } from '../deps';
import type { ProjectRecord } from '../store/projects';
import type { VersionSummary } from '../store/versions';
import { GovernanceOverrides, resolveConfig, type GovernanceConfig } from './config';
import type { ActFact, PlannedFact, ProjectScope } from './facts';
import { checkAct, type ActAttempt, type Violation } from './rules';

/**
 * Reads what the pure rules need about a project from the store: the rule settings that apply,
 * where its acts happen, the acts recorded and the agenda items to come.
 */

function storedOverrides(deps: Pick<Deps, 'store' | 'logger'>, organisationId: string, scope: string): GovernanceOverrides | undefined {
  const raw = deps.store.governanceSettings.get(organisationId, scope);
  if (raw === undefined) return undefined;
  const parsed = GovernanceOverrides.safeParse(raw);
  if (!parsed.success) {
    deps.logger.warn('stored governance settings ignored', { organisationId, scope });
    return undefined;
  }
  return parsed.data;
}

/**
 * Defaults, then settings of the GHT (for an établissement that belongs to one), then those of
 * the organisation itself; at each level, settings for every kind and then for this kind.
 */
export function governanceConfigFor(deps: Pick<Deps, 'store' | 'logger'>, organisationId: string | null, kind: DocumentKind): GovernanceConfig {
  const chain: string[] = [];
  const org = organisationId ? deps.store.organisations.get(organisationId) : undefined;
  if (org?.parentId) chain.push(org.parentId);
  if (org) chain.push(org.id);
  return resolveConfig(
    kind,
    chain.flatMap((id) => [storedOverrides(deps, id, '*'), storedOverrides(deps, id, kind)]),
  );
}

export function projectScope(deps: Pick<Deps, 'store'>, project: ProjectRecord): ProjectScope {
  const organisations = deps.store.organisations.list();
  const names = new Map(organisations.map((o) => [o.id, o.name]));
  const members = project.organisationId
    ? organisations
        .filter((o) => o.parentId === project.organisationId && o.kind === 'etablissement')
        .sort((a, b) => Number(b.isSupport) - Number(a.isSupport) || a.name.localeCompare(b.name, 'fr'))
        .map((o) => ({ id: o.id, name: o.name, category: memberCategory(o.type), memberSince: o.memberSince, memberUntil: o.memberUntil }))
    : [];
  return {
    organisationId: project.organisationId,
    members,
    organisationName: (id) => names.get(id) ?? id,
  };
}

/** Every act recorded on the project, with its instance and séance date. */
export function actFacts(deps: Pick<Deps, 'store'>, projectId: string): ActFact[] {
  const facts: ActFact[] = [];
  for (const act of deps.store.acts.ofProject(projectId)) {
    const seance = deps.store.seances.get(act.seanceId);
    const instance = seance && deps.store.instances.get(seance.instanceId);
    if (!seance || !instance) continue;
    facts.push({
      id: act.id,
      kind: act.kind,
      versionId: act.versionId,
      instanceKind: instance.kind,
      organisationId: instance.organisationId,
      date: seance.date,
    });
  }
  return facts;
}

/** Agenda items of the project at séances from `today` on that are not cancelled. */
export function plannedFacts(deps: Pick<Deps, 'store'>, projectId: string, today: string): PlannedFact[] {
  const facts: PlannedFact[] = [];
  for (const item of deps.store.seances.agendaOfProject(projectId)) {
    const seance = deps.store.seances.get(item.seanceId);
    const instance = seance && deps.store.instances.get(seance.instanceId);
    if (!seance || !instance || seance.status === 'cancelled' || seance.date < today) continue;
    facts.push({
      seanceId: seance.id,
      date: seance.date,
      act: item.act,
      versionId: item.versionId,
      instanceKind: instance.kind,
      organisationId: instance.organisationId,
    });
  }
  return facts;
}

/** How versions are named in sentences: `version 3 « Projet médical — présentation »`. */
export const versionLabel = (v: Pick<VersionSummary, 'number' | 'label'>): string => `version ${v.number} « ${v.label} »`;

/**
 * The rules' verdict on recording an act of `kind` on a version, at a séance of an instance:
 * the project's configuration, scope and recorded acts gathered once, for every recorder.
 */
export function checkProjectAct(
  deps: Pick<Deps, 'store' | 'logger'>,
  input: {
    project: ProjectRecord;
    version: Pick<VersionSummary, 'id' | 'number' | 'label'>;
    kind: ActKind;
    instance: { kind: InstanceKind; organisationId: string };
    seance: ActAttempt['seance'];
    today: string;
  },
): Violation[] {
  const { project, version } = input;
  return checkAct({
    config: governanceConfigFor(deps, project.organisationId, project.kind),
    scope: projectScope(deps, project),
    attempt: {
      kind: input.kind,
      versionId: version.id,
      versionLabel: versionLabel(version),
      instance: input.instance,
      seance: input.seance,
    },
    facts: actFacts(deps, project.id),
    today: input.today,
  });
}
