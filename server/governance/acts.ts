import type { Deps } from '../deps';
import type { ActRecord } from '../store/acts';
import { safeRichText } from './safeContent';
import { instanceRef } from './seanceView';
import type { ActView } from '../../schemas/api/governanceViews';
export type { ActView };

function view(deps: Pick<Deps, 'store'>, act: ActRecord): ActView | null {
  const { store } = deps;
  const seance = store.seances.get(act.seanceId);
  const instance = seance && store.instances.get(seance.instanceId);
  const version = store.versions.get(act.projectId, act.versionId);
  if (!seance || !instance || !version) return null;
  const userName = (id: string) => store.users.get(id)?.name ?? 'compte supprimé';
  const document = act.pvDocumentId ? store.seances.document(act.seanceId, act.pvDocumentId) : undefined;
  const override = act.overrideId ? store.acts.overridesOf(act.projectId, act.versionId).find((o) => o.id === act.overrideId) : undefined;
  return {
    id: act.id,
    kind: act.kind,
    outcome: act.outcome,
    votes: act.votes,
    reserves: act.reserves,
    reserveItems: store.actReserves.ofAct(act.id).map(({ text, commentIds, sectionIds }) => ({ text, commentIds, sectionIds })),
    notes: act.notes,
    // Links other than http(s)/mailto never leave the server (issue 16).
    pvExtract: safeRichText(act.pvExtract),
    pvDocument: document ? { id: document.id, name: document.name, mediaType: document.mediaType, size: document.size, sha256: document.sha256 } : null,
    projectId: act.projectId,
    version: { id: version.id, number: version.number, label: version.label, hash: version.hash },
    instance: instanceRef(deps, instance),
    seance: { id: seance.id, date: seance.date, startTime: seance.startTime, place: seance.place },
    recordedBy: { id: act.recordedBy, name: userName(act.recordedBy) },
    recordedAt: act.recordedAt,
    override: override
      ? {
          id: override.id,
          rules: override.rules,
          justification: override.justification,
          by: { id: override.createdBy, name: userName(override.createdBy) },
          at: override.createdAt,
        }
      : null,
    aPosteriori: act.aPosteriori ? { by: { id: act.recordedBy, name: userName(act.recordedBy) }, at: act.recordedAt } : null,
    annulled: act.annulment
      ? { justification: act.annulment.justification, by: { id: act.annulment.by, name: userName(act.annulment.by) }, at: act.annulment.at }
      : null,
  };
}

/** The acts of a project that count (of one version if asked; annulled ones too if asked), in séance order. */
export function listActs(deps: Pick<Deps, 'store'>, projectId: string, filter: { versionId?: string; withAnnulled?: boolean } = {}): ActView[] {
  return deps.store.acts
    .ofProject(projectId, { withAnnulled: filter.withAnnulled })
    .filter((a) => !filter.versionId || a.versionId === filter.versionId)
    .map((a) => view(deps, a))
    .filter((a): a is ActView => a !== null)
    .sort((a, b) => a.seance.date.localeCompare(b.seance.date) || a.recordedAt.localeCompare(b.recordedAt));
}

/** The acts recorded at one séance, annulled ones included (marked). */
export function actsOfSeance(deps: Pick<Deps, 'store'>, seanceId: string): ActView[] {
  return deps.store.acts
    .ofSeance(seanceId, { withAnnulled: true })
    .map((a) => view(deps, a))
    .filter((a): a is ActView => a !== null);
}

/** One act, annulled or not; null when it does not exist. */
export function actById(deps: Pick<Deps, 'store'>, actId: string): ActView | null {
  const act = deps.store.acts.get(actId);
  return act ? view(deps, act) : null;
}
