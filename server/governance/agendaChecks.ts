import type { Deps } from '../deps';
import type { InstanceRecord } from '../store/instances';
import type { SeanceRecord } from '../store/seances';
import { checkProjectAct } from './projectContext';
import type { AgendaItemView } from './seanceView';
import type { AgendaItemCheck } from '../../schemas/api/governanceViews';
export type { AgendaItemCheck };

export function agendaChecks(
  deps: Pick<Deps, 'store' | 'logger'>,
  seance: SeanceRecord,
  instance: InstanceRecord,
  agenda: AgendaItemView[],
  today: string,
): Map<string, AgendaItemCheck> {
  const checks = new Map<string, AgendaItemCheck>();
  for (const item of agenda) {
    if (item.recordedActId || !item.version) continue;
    const project = deps.store.projects.get(item.project.id);
    if (!project) continue;
    const rules = checkProjectAct(deps, {
      project,
      version: item.version,
      kind: item.act,
      instance: { kind: instance.kind, organisationId: instance.organisationId },
      seance: { date: seance.date, status: seance.status, convocationSentOn: seance.convocationSentOn },
      today,
    });
    const codes = rules.filter((r) => r.overridable).map((r) => r.rule);
    const granted =
      codes.length > 0
        ? deps.store.acts
            .unusedOverrides(project.id, item.version.id, item.act)
            .find((o) => (o.seanceId === null || o.seanceId === seance.id) && codes.every((c) => o.rules.includes(c)))
        : undefined;
    checks.set(item.id, {
      rules,
      override: granted
        ? { id: granted.id, justification: granted.justification, by: deps.store.users.get(granted.createdBy)?.name ?? 'compte supprimé', rules: granted.rules }
        : null,
    });
  }
  return checks;
}
