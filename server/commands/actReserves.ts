import { readThreads } from '../../schemas/commentThreads';
import { sectionEntries } from '../../schemas/docLayout';
import { actById, type ActView } from '../governance/acts';
import { canViewSeance } from '../governance/visibility';
import { DomainError, type FieldError } from '../errors';
import type { ReserveItem } from '../store/actReserves';
import type { UserRecord } from '../store/users';
import type { Deps } from '../deps';

const actNotFound = () => new DomainError('not_found', 'act_not_found', 'Acte introuvable.');

/**
 * 400 naming each link that is not a comment thread or a section of the act's project: a
 * réserve never points into another project (whose ids the secretary could have copied).
 */
export function checkReserveLinks(deps: Deps, projectId: string, items: ReserveItem[], path = 'reserveItems'): void {
  const doc = deps.registry.get(projectId).doc;
  const threads = new Set(readThreads(doc).map((t) => t.id));
  const sections = sectionEntries(doc);
  const fields: FieldError[] = [];
  items.forEach((item, i) => {
    item.commentIds.forEach((id, j) => {
      if (!threads.has(id)) fields.push({ path: `${path}.${i}.commentIds.${j}`, message: 'Ce commentaire n’existe pas dans ce projet.' });
    });
    item.sectionIds.forEach((id, j) => {
      if (!sections.has(id)) fields.push({ path: `${path}.${i}.sectionIds.${j}`, message: 'Cette section n’existe pas dans ce projet.' });
    });
  });
  if (fields.length > 0) throw new DomainError('invalid', 'validation_failed', 'Données invalides (corps).', fields);
}

/** Only an avis « favorable avec réserves » carries réserves. */
export function checkReservesAllowed(outcome: string | null | undefined, items: ReserveItem[], path = 'reserveItems'): void {
  if (items.length > 0 && outcome !== 'favorable_reserves') {
    throw new DomainError('invalid', 'validation_failed', 'Données invalides (corps).', [
      { path, message: 'Seul un avis favorable avec réserves énonce des réserves.' },
    ]);
  }
}

/**
 * States an act's réserves one by one, each linked to the comment threads and sections it
 * concerns, replacing what was set before (PUT /api/acts/:id/reserves). Whoever records the
 * instance's acts sets them, at recording or later (the links often come once the PV is
 * written); an annulled act asks nothing any more (409). Audited with the before and after.
 */
export function setActReserves(deps: Deps, user: UserRecord, actId: string, items: ReserveItem[]): ActView {
  const { store } = deps;
  const act = store.acts.get(actId);
  const seance = act && store.seances.get(act.seanceId);
  const instance = seance && store.instances.get(seance.instanceId);
  if (!act || !seance || !instance || !canViewSeance(deps, user, seance, instance)) throw actNotFound();
  if (!deps.policy.can(user, { action: 'act.linkReserves', instanceId: instance.id, organisationId: instance.organisationId })) {
    throw new DomainError('forbidden', 'forbidden', `Seul le secrétariat de l’instance « ${instance.name} » énonce les réserves de ses avis.`);
  }
  if (act.annulment) throw new DomainError('conflict', 'act_annulled', 'Cet acte a été annulé : ses réserves ne se modifient plus.');
  checkReservesAllowed(act.outcome, items, 'items');
  checkReserveLinks(deps, act.projectId, items, 'items');
  const before = store.actReserves.ofAct(actId).map(({ text, commentIds, sectionIds }) => ({ text, commentIds, sectionIds }));
  store.transaction(() => {
    store.actReserves.replace(actId, items, user.id);
    store.audit.append({
      actorId: user.id,
      actorName: user.name,
      action: 'act.reserves',
      projectId: act.projectId,
      versionId: act.versionId,
      subjectType: 'act',
      subjectId: act.id,
      details: {
        summary: `Réserves de l’avis du ${seance.date} (${instance.name}) : ${items.length} réserve${items.length > 1 ? 's' : ''}`,
        before,
        after: items,
      },
    });
  });
  return actById(deps, actId)!;
}
