import { z } from 'zod';
import { actKindLabels, actOutcomeLabels, submissionActKinds } from '../../schemas/governance';
import { actById, type ActView } from '../governance/acts';
import { formatDateFr, parisDate } from '../governance/parisTime';
import { canViewSeance } from '../governance/visibility';
import { DomainError } from '../errors';
import type { UserRecord } from '../store/users';
import { reservedActError } from './acts';
import type { Deps } from '../deps';

const actNotFound = () => new DomainError('not_found', 'act_not_found', 'Acte introuvable.');

/** Ids of the acts a package carried (its manifest; read loosely, whatever its format version). */
const SentActs = z.object({ acts: z.array(z.object({ id: z.string() })) });
function actsSentIn(manifest: string): string[] {
  try {
    const parsed = SentActs.safeParse(JSON.parse(manifest));
    return parsed.success ? parsed.data.acts.map((a) => a.id) : [];
  } catch {
    return [];
  }
}

/**
 * Annuls a recorded act, with a justification: the way to correct an act (acts are never changed
 * or deleted). The act stays on record, marked annulled, and no longer counts for the path, the
 * rules or the deadlines; a new act may then be recorded at the same séance. By the secretary of
 * the séance's instance. Acts of a submission (its transmission, its receipt) and acts a package
 * sent to the ARS carried are never annulled (409 `act_from_submission`); one of those kinds without a submission can only be an entry made
 * by hand before that was refused, and only an administrator annuls it. Audited (`act.annul`).
 */
export function annulAct(deps: Deps, user: UserRecord, actId: string, justification: string): ActView {
  const { store } = deps;
  const act = store.acts.get(actId);
  const seance = act && store.seances.get(act.seanceId);
  const instance = seance && store.instances.get(seance.instanceId);
  if (!act || !seance || !instance || !canViewSeance(deps, user, seance, instance)) throw actNotFound();
  if (act.annulment) {
    throw new DomainError('conflict', 'act_already_annulled', `Cet acte a déjà été annulé le ${act.annulment.at.slice(0, 10).split('-').reverse().join('/')}.`);
  }
  const submissions = store.submissions.ofProject(act.projectId);
  if (submissions.some((s) => s.transmissionActId === act.id || s.receiptActId === act.id)) {
    throw new DomainError(
      'conflict',
      'act_from_submission',
      'Cet acte découle d’un dossier de transmission à l’ARS (envoi ou accusé de réception) : il ne peut pas être annulé.',
    );
  }
  const sent = submissions.find((s) => actsSentIn(s.manifest).includes(act.id));
  if (sent) {
    throw new DomainError(
      'conflict',
      'act_from_submission',
      `Cet acte figure dans le dossier transmis à l’ARS le ${formatDateFr(parisDate(new Date(sent.createdAt)))} : il ne peut plus être annulé. Une correction passe par une nouvelle version présentée aux instances.`,
    );
  }
  if (submissionActKinds.includes(act.kind) && !deps.policy.can(user, { action: 'act.annulReserved' })) throw reservedActError(act.kind);
  if (!deps.policy.can(user, { action: 'act.record', instanceId: instance.id, organisationId: instance.organisationId })) {
    throw new DomainError('forbidden', 'forbidden', `Seul le secrétariat de l’instance « ${instance.name} » annule ses actes.`);
  }
  const version = store.versions.get(act.projectId, act.versionId);
  store.transaction(() => {
    store.acts.annul(act.id, { justification, by: user.id });
    store.audit.append({
      actorId: user.id,
      actorName: user.name,
      action: 'act.annul',
      projectId: act.projectId,
      versionId: act.versionId,
      subjectType: 'act',
      subjectId: act.id,
      details: {
        summary: `Annulation : ${actKindLabels[act.kind]}${act.outcome ? ` ${actOutcomeLabels[act.outcome]}` : ''} — ${instance.name}, séance du ${seance.date}${version ? `, version ${version.number}` : ''}`,
        justification,
        kind: act.kind,
        outcome: act.outcome,
        instanceId: instance.id,
        seanceId: seance.id,
        seanceDate: seance.date,
        recordedBy: act.recordedBy,
        recordedAt: act.recordedAt,
      },
    });
  });
  return actById(deps, act.id)!;
}
