import type { ActKind, InstanceKind } from '../../schemas/governance';
import { recordArsAct } from '../commands/arsActs';
import { recordAct } from '../commands/acts';
import { markConvocationSent } from '../commands/convocation';
import { setEtapeDone, setIndicatorValue } from '../commands/followup';
import { writeDemoText } from '../commands/demoSeeding';
import { createProject, setMemberRole } from '../commands/projects';
import { createSeance } from '../commands/seances';
import { freezeVersion } from '../commands/versions';
import type { Deps } from '../deps';
import { addDays } from '../governance/parisTime';
import type { UserRecord } from '../store/users';
import { demoAdoptedPmpTitle, writeAdoptedPmp } from './demoAdoptedContent';

/**
 * The demo GHT's PMP in force (2021–2025) with its whole adoption path, entered a posteriori by
 * the GHT's secretariat as a secretary migrating the history would (docs/GOVERNANCE.md « Paths »,
 * « Saisi a posteriori »): the CMG's avis and the comité stratégique, the PMP sent to the ARS for
 * information, the R6132-6 sequence in every member (EPS and the public EHPAD), the convention
 * signed, submitted to the ARS and its receipt. Each act goes through the commands and their
 * rules. The three acts with the ARS predate the workbench: recorded with the date they bear
 * (no package was built by the workbench, their notes say so). Then the follow-up of 2021 to
 * 2023 as the pilots entered it; 2024 and 2025 are left to enter.
 */

const place = 'Salle du conseil, Centre hospitalier de Corbeil-Seine';
const before = 'transmis avant la mise en service de l’atelier (reprise de l’historique)';

export interface DemoAdoptionPeople {
  pcmg: UserRecord;
  dg: UserRecord;
  urgentiste: UserRecord;
  secretary: UserRecord;
  /** The GHT's history secretariat: secretary of every instance of the GHT and its members. */
  history: UserRecord;
  arsReader: UserRecord;
}

/** Yearly values of 2021–2023, by indicator key (the pilot enters them; the chapter's, a coordinator). */
const enteredValues = {
  passage: [4.3, 4.1, 3.9],
  admissions: [20, 23, 25],
  had: [4800, 5600, 6000],
  irm: [44, 41, 38],
  cpts: [1, 1, 2],
} as const;

export function seedDemoAdoptedPmp(deps: Deps, input: { ghtId: string; people: DemoAdoptionPeople }): string {
  const { store } = deps;
  const { pcmg, dg, urgentiste, secretary, history, arsReader } = input.people;
  const projectId = createProject(deps, pcmg, {
    kind: 'PMP',
    title: demoAdoptedPmpTitle,
    organisationId: input.ghtId,
    period: { startYear: 2021, endYear: 2025 },
  });
  setMemberRole(deps, pcmg, { projectId, userId: dg.id, role: 'coordinator' });
  setMemberRole(deps, pcmg, { projectId, userId: urgentiste.id, role: 'editor' });
  setMemberRole(deps, pcmg, { projectId, userId: secretary.id, role: 'reader' });
  let plan!: ReturnType<typeof writeAdoptedPmp>;
  writeDemoText(deps, projectId, (doc) => {
    plan = writeAdoptedPmp(doc, { pcmg: pcmg.id, urgentiste: urgentiste.id, directeur: dg.id });
  });
  const version = freezeVersion(deps, pcmg, projectId, 'Projet médical partagé 2021–2025 — version soumise aux instances');
  const project = store.projects.get(projectId)!;
  const summary = store.versions.list(projectId).find((v) => v.id === version.id)!;

  const act = (
    organisationId: string,
    instanceKind: InstanceKind,
    kind: Exclude<ActKind, 'transmission' | 'soumission' | 'accuse_reception'>,
    date: string,
  ) => {
    const instance = store.instances.ofOrganisation(organisationId).find((i) => i.kind === instanceKind);
    if (!instance) throw new Error(`demo: no ${instanceKind} in ${organisationId}`);
    const seanceId = createSeance(deps, history, {
      instanceId: instance.id,
      date,
      startTime: '14:00',
      endTime: '17:00',
      place,
      agenda: [{ projectId, versionId: version.id, act: kind }],
    });
    markConvocationSent(deps, history, seanceId, addDays(date, -10));
    const withOutcome = kind === 'avis' || kind === 'deliberation' || kind === 'approbation';
    recordAct(deps, history, seanceId, { projectId, versionId: version.id, kind, ...(withOutcome ? { outcome: 'favorable' as const } : {}) });
  };
  const arsAct = (actor: UserRecord, kind: 'transmission' | 'soumission' | 'accuse_reception', date: string, what: string) => {
    const recorded = recordArsAct(deps, actor, { project, version: summary, kind, date, place: 'ARS Île-de-France', notes: `${what}, ${before}.` });
    if (!recorded.actId) throw new Error(`demo: ${kind} not recorded: ${recorded.note}`);
  };

  act(input.ghtId, 'CMG', 'avis', '2021-03-09');
  act(input.ghtId, 'COMITE_STRATEGIQUE', 'concertation', '2021-03-23');
  arsAct(pcmg, 'transmission', '2021-03-30', 'PMP transmis à l’ARS pour information avant la signature (L6132-2 II 1°)');
  for (const member of store.organisations.list().filter((o) => o.parentId === input.ghtId && o.kind === 'etablissement')) {
    const sequence: [InstanceKind, 'avis' | 'concertation' | 'deliberation', string][] =
      member.type === 'ESMS'
        ? [
            ['CSE', 'avis', '2021-04-13'],
            ['CONSEIL_ADMINISTRATION', 'deliberation', '2021-04-29'],
          ]
        : [
            ['DIRECTOIRE', 'concertation', '2021-04-06'],
            ['CSE', 'avis', '2021-04-13'],
            ['CME', 'avis', '2021-04-15'],
            ['CSIRMT', 'avis', '2021-04-20'],
            ['CONSEIL_SURVEILLANCE', 'avis', '2021-05-04'],
          ];
    for (const [instanceKind, kind, date] of sequence) act(member.id, instanceKind, kind, date);
  }
  act(input.ghtId, 'DIRECTION', 'signature', '2021-05-18');
  arsAct(pcmg, 'soumission', '2021-05-20', 'Convention constitutive et PMP signés soumis au directeur général de l’ARS (R6132-6)');
  arsAct(arsReader, 'accuse_reception', '2021-05-27', 'Accusé de réception de la convention signée');

  const byKey = plan.indicators;
  for (const [key, values] of Object.entries(enteredValues) as [keyof typeof enteredValues, readonly number[]][]) {
    const who = key === 'passage' ? urgentiste : pcmg;
    for (const [i, value] of values.entries()) setIndicatorValue(deps, who, projectId, byKey[key], 2021 + i, { value, source: 'Bilan annuel' });
  }
  setEtapeDone(deps, urgentiste, projectId, plan.fiches.urgences, plan.etapes[0]!, '2022-05-16');
  setEtapeDone(deps, pcmg, projectId, plan.fiches.geriatrie, plan.etapes[2]!, '2022-06-20');
  return projectId;
}
