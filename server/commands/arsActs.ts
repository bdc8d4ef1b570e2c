import type { ActKind } from '../../schemas/governance';
import { actKindLabels, actKindWithArticle } from '../../schemas/governance';
import { actIsAPosteriori, seanceIsAPosteriori } from '../governance/aPosteriori';
import { parisDate } from '../governance/parisTime';
import { checkProjectAct, versionLabel } from '../governance/projectContext';
import { capitalize } from '../governance/wording';
import type { ProjectRecord } from '../store/projects';
import type { UserRecord } from '../store/users';
import type { VersionSummary } from '../store/versions';
import type { Deps } from '../deps';

export interface ArsActOutcome {
  /** The act recorded, or null when it could not be. */
  actId: string | null;
  /** Why it was not recorded (French), or null. */
  note: string | null;
}

/**
 * Records the direction's transmission to the ARS (the PMP for information, or the signed
 * convention submitted for approval) or the ARS's accusé de réception as a governance act on the
 * version, so the timeline, the path and the 2-month clock see it. The
 * act is dated `date` at the project organisation's DIRECTION instance (the séance of that day
 * is created if needed) and goes through the same rules as any act (`checkAct`); a rule that
 * refuses it leaves it unrecorded and says why. Call inside the caller's transaction.
 */
export function recordArsAct(
  deps: Deps,
  actor: UserRecord,
  input: {
    project: ProjectRecord;
    version: VersionSummary;
    kind: Extract<ActKind, 'transmission' | 'soumission' | 'accuse_reception'>;
    date: string;
    place: string;
    notes: string;
  },
  now = new Date(),
): ArsActOutcome {
  const { store } = deps;
  const { project, version } = input;
  if (!project.organisationId) return { actId: null, note: 'Le projet n’est rattaché à aucune organisation : l’acte n’a pas pu être enregistré.' };
  const direction = store.instances.ofOrganisation(project.organisationId).find((i) => i.kind === 'DIRECTION');
  if (!direction) {
    return {
      actId: null,
      note: `L’organisation n’a pas d’instance « Direction » : ${actKindLabels[input.kind]} n’a pas été enregistré comme acte (la date est conservée avec le dossier).`,
    };
  }
  const violations = checkProjectAct(deps, {
    project,
    version,
    kind: input.kind,
    instance: { kind: direction.kind, organisationId: direction.organisationId },
    seance: { date: input.date, status: 'held', convocationSentOn: null },
    today: parisDate(now),
  });
  if (violations.length > 0) return { actId: null, note: violations.map((v) => v.message).join(' ') };

  const today = parisDate(now);
  const seanceId =
    store.seances.list({ instanceIds: [direction.id], from: input.date, to: input.date }).find((s) => s.status !== 'cancelled')?.id ??
    store.seances.create({
      instanceId: direction.id,
      date: input.date,
      startTime: null,
      endTime: null,
      place: input.place,
      aPosteriori: seanceIsAPosteriori(input.date, today),
      createdBy: actor.id,
      agenda: [],
    });
  // One live act per séance, version and kind: a second package of the same version keeps the first act.
  const existing = store.acts.ofSeance(seanceId).find((a) => a.versionId === version.id && a.kind === input.kind);
  if (existing)
    return {
      actId: existing.id,
      note: `${capitalize(actKindWithArticle[input.kind])} de cette version est déjà enregistré(e) à cette date : l’acte existant est conservé.`,
    };
  const seance = store.seances.get(seanceId)!;
  if (seance.status === 'planned') store.seances.update({ ...seance, status: 'held' });
  const aPosteriori = actIsAPosteriori(seance, today);
  const act = store.acts.create({
    seanceId,
    projectId: project.id,
    versionId: version.id,
    kind: input.kind,
    outcome: null,
    votes: null,
    reserves: '',
    notes: input.notes,
    pvExtract: null,
    pvDocumentId: null,
    overrideId: null,
    recordedBy: actor.id,
    aPosteriori,
  });
  store.audit.append({
    actorId: actor.id,
    actorName: actor.name,
    action: 'act.record',
    projectId: project.id,
    versionId: version.id,
    subjectType: 'act',
    subjectId: act.id,
    details: {
      summary: `${actKindLabels[input.kind]} — ${direction.name}, le ${input.date}, ${versionLabel(version)}`,
      kind: input.kind,
      instanceId: direction.id,
      seanceId,
      seanceDate: input.date,
      versionNumber: version.number,
      versionHash: version.hash,
      aPosteriori,
    },
  });
  return { actId: act.id, note: null };
}
