import type { Deps } from '../deps';
import { planDemoSeance } from '../commands/demoSeeding';
import { setTransmissionDue } from '../commands/governanceSettings';
import { freezeVersion } from '../commands/versions';
import type { UserRecord } from '../store/users';

const place = 'Salle du conseil, Centre hospitalier de Corbeil-Seine';

/**
 * The demo PMP's 2027 governance calendar: a first version frozen for its présentation, CMG
 * séances (four a year, D6132-9-8) and a comité stratégique, so the calendar, the timeline and
 * the secretary dashboard have something to show.
 */
export function seedDemoGovernance(deps: Deps, input: { projectId: string; ghtId: string; coordinator: UserRecord; secretaryId: string }): void {
  const { store } = deps;
  const v1 = freezeVersion(deps, input.coordinator, input.projectId, 'Projet médical partagé — version 1 (présentation)');
  const instances = store.instances.ofOrganisation(input.ghtId);
  const cmg = instances.find((i) => i.kind === 'CMG');
  const strategique = instances.find((i) => i.kind === 'COMITE_STRATEGIQUE');
  if (!cmg || !strategique) return;
  const seances = [
    {
      instanceId: cmg.id,
      date: '2027-03-09',
      startTime: '14:00',
      endTime: '17:00',
      agenda: [{ projectId: input.projectId, versionId: v1.id, act: 'presentation' as const }],
    },
    {
      instanceId: strategique.id,
      date: '2027-03-23',
      startTime: '10:00',
      endTime: '12:00',
      agenda: [{ projectId: input.projectId, versionId: v1.id, act: 'concertation' as const }],
    },
    // The version put to the avis is frozen after the présentation's remarks.
    {
      instanceId: cmg.id,
      date: '2027-04-06',
      startTime: '14:00',
      endTime: '17:00',
      agenda: [{ projectId: input.projectId, versionId: null, act: 'avis' as const }],
    },
    { instanceId: cmg.id, date: '2027-06-15', startTime: '14:00', endTime: '17:00', agenda: [] },
    { instanceId: cmg.id, date: '2027-10-12', startTime: '14:00', endTime: '17:00', agenda: [] },
  ];
  for (const seance of seances) planDemoSeance(deps, { ...seance, place, aPosteriori: false, createdBy: input.secretaryId });
  setTransmissionDue(deps, input.coordinator, input.projectId, '2027-09-30');
}
