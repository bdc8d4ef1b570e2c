import type { ActKind, ActOutcome, Votes } from '../../schemas/governance';
import { actKindLabels, actKindWithArticle, actOutcomeLabels, submissionActKinds } from '../../schemas/governance';
import { listActs, type ActView } from '../governance/acts';
import { actIsAPosteriori } from '../governance/aPosteriori';
import { formatDateFr, parisDate } from '../governance/parisTime';
import { checkProjectAct, versionLabel } from '../governance/projectContext';
import type { Violation } from '../governance/rules';
import { capitalize } from '../governance/wording';
import { canViewSeance } from '../governance/visibility';
import { DomainError } from '../errors';
import type { ActRecord, OverrideRecord } from '../store/acts';
import type { UserRecord } from '../store/users';
import type { Deps } from '../deps';
import { findVersion } from '../queries/versions';
import type { ReserveItem } from '../store/actReserves';
import { checkReserveLinks, checkReservesAllowed } from './actReserves';

export interface RecordActInput {
  projectId: string;
  versionId: string;
  kind: ActKind;
  outcome?: ActOutcome;
  votes?: Votes;
  reserves?: string;
  /** The réserves one by one, each linked to comments or sections of the project (issue 21). */
  reserveItems?: ReserveItem[];
  notes?: string;
  /** PV extract as rich text (ProseMirror JSON, already checked against the schema). */
  pvExtract?: unknown;
  /** A PDF attached to the séance holding the PV extract. */
  pvDocumentId?: string;
  /** A coordinator recording the act may pass a rule in the same request. */
  override?: { justification: string };
}

const seanceNotFound = () => new DomainError('not_found', 'seance_not_found', 'Séance introuvable.');

export function ruleViolation(violations: Violation[]): DomainError {
  const message = violations.map((v) => v.message).join(' ');
  return new DomainError('conflict', 'rule_violation', message, undefined, {
    rules: violations.map((v) => ({ rule: v.rule, message: v.message, overridable: v.overridable })),
  });
}

/** An unused override for this act covering every rule it breaks, if a coordinator recorded one. */
function standingOverride(deps: Deps, seanceId: string, input: RecordActInput, rules: string[]): OverrideRecord | undefined {
  return deps.store.acts
    .unusedOverrides(input.projectId, input.versionId, input.kind)
    .find((o) => (o.seanceId === null || o.seanceId === seanceId) && rules.every((r) => o.rules.includes(r)));
}

/** 403 `act_reserved`: the acts of the submission flow are never recorded by hand. */
export function reservedActError(kind: ActKind): DomainError {
  return new DomainError(
    'forbidden',
    'act_reserved',
    `${capitalize(actKindWithArticle[kind])} ne s’enregistre ni ne se planifie en séance : la transmission et la soumission à l’ARS résultent de la constitution du dossier de transmission, l’accusé de réception de sa saisie par l’ARS destinataire.`,
  );
}

/**
 * Records an act of a séance on a frozen version, as the secretary of the séance's instance.
 * Refused: at a séance the user cannot see (404, like one that does not exist), an act of the
 * submission flow (403 `act_reserved`), a second live act of the same kind on the same version at
 * the same séance (409 `act_already_recorded`: annul the first one to correct it). Then the
 * governance rules: a broken rule is a 409 naming it, unless a project coordinator has recorded
 * an override for it (before, or in this request).
 */
export function recordAct(deps: Deps, user: UserRecord, seanceId: string, input: RecordActInput, now = new Date()): ActView {
  const { store } = deps;
  const seance = store.seances.get(seanceId);
  const instance = seance && store.instances.get(seance.instanceId);
  if (!seance || !instance || !canViewSeance(deps, user, seance, instance)) throw seanceNotFound();
  if (submissionActKinds.includes(input.kind)) throw reservedActError(input.kind);
  if (!deps.policy.can(user, { action: 'act.record', instanceId: instance.id, organisationId: instance.organisationId })) {
    throw new DomainError('forbidden', 'forbidden', `Seul le secrétariat de l’instance « ${instance.name} » enregistre ses actes.`);
  }
  const project = store.projects.get(input.projectId);
  const onAgenda = store.seances.agenda(seanceId).some((item) => item.projectId === input.projectId);
  if (!project || (!onAgenda && !deps.policy.can(user, { action: 'project.read', projectId: input.projectId }))) {
    throw new DomainError('not_found', 'project_not_found', 'Projet introuvable.');
  }
  const version = findVersion(deps, input.projectId, input.versionId);
  const recorded = store.acts.ofSeance(seanceId).find((a) => a.versionId === version.id && a.kind === input.kind);
  if (recorded) throw alreadyRecorded(deps, recorded);
  if (input.pvDocumentId && !store.seances.document(seanceId, input.pvDocumentId)) {
    throw new DomainError('invalid', 'validation_failed', 'Données invalides (corps).', [
      { path: 'pvDocumentId', message: 'Ce document n’est pas joint à cette séance.' },
    ]);
  }

  const reserveItems = input.reserveItems ?? [];
  checkReservesAllowed(input.outcome, reserveItems);
  checkReserveLinks(deps, project.id, reserveItems);

  const violations = checkProjectAct(deps, {
    project,
    version,
    kind: input.kind,
    instance: { kind: instance.kind, organisationId: instance.organisationId },
    seance: { date: seance.date, status: seance.status, convocationSentOn: seance.convocationSentOn },
    today: parisDate(now),
  });
  const blocking = violations.filter((v) => !v.overridable);
  if (blocking.length > 0) throw ruleViolation(blocking);
  const rules = violations.map((v) => v.rule);
  let override = rules.length > 0 ? standingOverride(deps, seanceId, input, rules) : undefined;
  const overrideNow = rules.length > 0 && !override && input.override !== undefined;
  if (rules.length > 0 && !override && !overrideNow) throw ruleViolation(violations);
  if (overrideNow && !deps.policy.can(user, { action: 'governance.override', projectId: project.id })) {
    throw new DomainError('forbidden', 'forbidden', 'Seul un coordonnateur du projet peut passer outre une règle de gouvernance.');
  }

  const aPosteriori = actIsAPosteriori(seance, parisDate(now));
  const actId = store.transaction(() => {
    if (overrideNow && input.override) {
      override = store.acts.createOverride({
        projectId: project.id,
        versionId: version.id,
        seanceId,
        actKind: input.kind,
        rules,
        justification: input.override.justification,
        createdBy: user.id,
      });
      auditOverride(deps, user, override, violations);
    }
    const act = store.acts.create({
      seanceId,
      projectId: project.id,
      versionId: version.id,
      kind: input.kind,
      outcome: input.outcome ?? null,
      votes: input.votes ?? null,
      // The PV's wording; when only the list was given, the list is the wording.
      reserves: input.reserves ?? reserveItems.map((r) => r.text).join('\n'),
      notes: input.notes ?? '',
      pvExtract: input.pvExtract ?? null,
      pvDocumentId: input.pvDocumentId ?? null,
      overrideId: override?.id ?? null,
      recordedBy: user.id,
      aPosteriori,
    });
    if (reserveItems.length > 0) store.actReserves.replace(act.id, reserveItems, user.id);
    if (seance.status === 'planned') store.seances.update({ ...seance, status: 'held' });
    store.audit.append({
      actorId: user.id,
      actorName: user.name,
      action: 'act.record',
      projectId: project.id,
      versionId: version.id,
      subjectType: 'act',
      subjectId: act.id,
      details: {
        summary: `${actKindLabels[input.kind]}${input.outcome ? ` ${actOutcomeLabels[input.outcome]}` : ''} — ${instance.name}, séance du ${seance.date}, ${versionLabel(version)}${aPosteriori ? ' (saisi a posteriori)' : ''}`,
        kind: input.kind,
        outcome: input.outcome ?? null,
        votes: input.votes ?? null,
        instanceId: instance.id,
        seanceId,
        seanceDate: seance.date,
        versionNumber: version.number,
        versionHash: version.hash,
        overrideId: override?.id ?? null,
        rulesOverridden: override ? rules : [],
        aPosteriori,
        ...(reserveItems.length > 0 ? { reserveItems } : {}),
      },
    });
    return act.id;
  });
  return listActs(deps, project.id, { versionId: version.id }).find((a) => a.id === actId)!;
}

function alreadyRecorded(deps: Deps, act: ActRecord): DomainError {
  const what = `${actKindLabels[act.kind]}${act.outcome ? ` ${actOutcomeLabels[act.outcome]}` : ''}`;
  const by = deps.store.users.get(act.recordedBy)?.name ?? 'compte supprimé';
  return new DomainError(
    'conflict',
    'act_already_recorded',
    `Un acte « ${what} » est déjà enregistré pour cette version à cette séance (par ${by}, le ${formatDateFr(act.recordedAt.slice(0, 10))}). Pour le corriger, annulez-le avec une justification, puis enregistrez le nouvel acte.`,
    undefined,
    { actId: act.id },
  );
}

function auditOverride(deps: Deps, user: UserRecord, override: OverrideRecord, violations: Violation[]): void {
  deps.store.audit.append({
    actorId: user.id,
    actorName: user.name,
    action: 'override.record',
    projectId: override.projectId,
    versionId: override.versionId,
    subjectType: 'override',
    subjectId: override.id,
    details: {
      actKind: override.actKind,
      seanceId: override.seanceId,
      rules: override.rules,
      justification: override.justification,
      ...(violations.length > 0 ? { messages: violations.map((v) => v.message) } : {}),
    },
  });
}

/**
 * A coordinator lets the next act of this kind on this version through despite the named rules
 * (the secretary then records it normally). The justification is kept in the audit log.
 */
export function recordOverride(
  deps: Deps,
  user: UserRecord,
  projectId: string,
  input: { versionId: string; seanceId?: string; actKind: ActKind; rules: string[]; justification: string },
): OverrideRecord {
  const project = deps.store.projects.get(projectId);
  if (!project || !deps.policy.can(user, { action: 'project.read', projectId })) {
    throw new DomainError('not_found', 'project_not_found', 'Projet introuvable.');
  }
  if (!deps.policy.can(user, { action: 'governance.override', projectId })) {
    throw new DomainError('forbidden', 'forbidden', 'Seul un coordonnateur du projet peut passer outre une règle de gouvernance.');
  }
  if (submissionActKinds.includes(input.actKind)) throw reservedActError(input.actKind);
  findVersion(deps, projectId, input.versionId);
  if (input.seanceId) {
    const seance = deps.store.seances.get(input.seanceId);
    const instance = seance && deps.store.instances.get(seance.instanceId);
    if (!seance || !instance || !canViewSeance(deps, user, seance, instance)) throw seanceNotFound();
  }
  return deps.store.transaction(() => {
    const override = deps.store.acts.createOverride({
      projectId,
      versionId: input.versionId,
      seanceId: input.seanceId ?? null,
      actKind: input.actKind,
      rules: [...new Set(input.rules)],
      justification: input.justification,
      createdBy: user.id,
    });
    auditOverride(deps, user, override, []);
    return override;
  });
}
