import { actKindLabels } from '../../schemas/governance';
import type { Deps } from '../deps';
import type { InstanceRecord } from '../store/instances';
import type { SeanceRecord } from '../store/seances';
import type { GovernanceConfig } from './config';
import { organisationConfig } from './organisationConfig';
import { addDays } from './parisTime';
import type { AgendaItemView, SeanceView } from '../../schemas/api/governanceViews';
export type { AgendaItemView, SeanceView };

/** An instance as séances and acts name it: with its organisation's name. */
export function instanceRef(deps: Pick<Deps, 'store'>, instance: InstanceRecord): SeanceView['instance'] {
  return {
    id: instance.id,
    kind: instance.kind,
    name: instance.name,
    organisationId: instance.organisationId,
    organisationName: deps.store.organisations.get(instance.organisationId)?.name ?? '',
  };
}

export function convocationOf(config: GovernanceConfig, seance: SeanceRecord, instance: InstanceRecord, today: string): SeanceView['convocation'] {
  const days = config.convocationDays[instance.kind] ?? null;
  const deadline = days ? addDays(seance.date, -days) : null;
  const sent = seance.convocationSentOn;
  const late = deadline !== null && (sent ? sent > deadline : today > deadline && seance.status !== 'cancelled');
  return { sentOn: sent, deadline, days, late };
}

export function seanceView(deps: Pick<Deps, 'store' | 'logger'>, seance: SeanceRecord, instance: InstanceRecord, today: string): SeanceView {
  const { store } = deps;
  const acts = store.acts.ofSeance(seance.id);
  const agenda = store.seances.agenda(seance.id).map((item): AgendaItemView => {
    const project = store.projects.get(item.projectId);
    const version = item.versionId ? store.versions.get(item.projectId, item.versionId) : undefined;
    const act = acts.find((a) => a.projectId === item.projectId && a.kind === item.act && (!item.versionId || a.versionId === item.versionId));
    return {
      id: item.id,
      position: item.position,
      project: { id: item.projectId, title: project?.title ?? '', kind: project?.kind ?? '' },
      version: version ? { id: version.id, number: version.number, label: version.label } : null,
      act: item.act,
      actLabel: actKindLabels[item.act],
      recordedActId: act?.id ?? null,
    };
  });
  return {
    id: seance.id,
    instance: instanceRef(deps, instance),
    date: seance.date,
    startTime: seance.startTime,
    endTime: seance.endTime,
    place: seance.place,
    status: seance.status,
    convocation: convocationOf(organisationConfig(deps, instance.organisationId), seance, instance, today),
    agenda,
    documents: store.seances
      .documents(seance.id)
      .map((d) => ({ id: d.id, name: d.name, mediaType: d.mediaType, size: d.size, sha256: d.sha256, createdAt: d.createdAt })),
    aPosteriori:
      seance.aPosteriori && seance.aPosterioriBy && seance.aPosterioriAt
        ? { by: { id: seance.aPosterioriBy, name: store.users.get(seance.aPosterioriBy)?.name ?? 'compte supprimé' }, at: seance.aPosterioriAt }
        : null,
    createdAt: seance.createdAt,
    updatedAt: seance.updatedAt,
  };
}
