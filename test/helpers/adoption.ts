import type { InstanceKind } from '../../schemas/governance';
import { addDays, parisDate } from '../../server/governance/parisTime';
import { createProject, daysAgo, fillProject, freeze } from './exportFixtures';
import type { TestServer } from './testServer';

/**
 * Takes a version through its adoption path with the real API (as the administrator, who is
 * secretary of every instance): séances planned (past ones with their convocation sent ten days
 * before), then the act recorded. Instances missing from an organisation are created.
 */

function instanceOf(server: TestServer, organisationId: string, kind: InstanceKind): string {
  const found = server.deps.store.instances.ofOrganisation(organisationId).find((i) => i.kind === kind);
  return found?.id ?? server.deps.store.organisations.createInstance(organisationId, kind, `${kind} (test)`);
}

export async function recordOrgAct(
  server: TestServer,
  input: {
    organisationId: string;
    instanceKind: InstanceKind;
    date: string;
    projectId: string;
    versionId: string;
    kind: string;
    outcome?: string;
    votes?: { pour: number; contre: number; abstention: number };
    pvExtract?: unknown;
  },
): Promise<string> {
  const instanceId = instanceOf(server, input.organisationId, input.instanceKind);
  const seance = await server.api('POST', '/api/seances', { cookie: server.adminCookie, body: { instanceId, date: input.date, place: 'Salle du conseil' } });
  if (seance.status !== 201) throw new Error(`séance: ${seance.status} ${JSON.stringify(seance.body)}`);
  // A séance entered once past may record a convocation sent before it was entered.
  if (input.date < parisDate(new Date())) {
    const sent = await server.api('POST', `/api/seances/${seance.body.id}/convocation`, {
      cookie: server.adminCookie,
      body: { sentOn: addDays(input.date, -10) },
    });
    if (sent.status !== 200) throw new Error(`convocation: ${sent.status} ${JSON.stringify(sent.body)}`);
  }
  const withOutcome = ['avis', 'consultation', 'approbation', 'deliberation'].includes(input.kind);
  const body = {
    projectId: input.projectId,
    versionId: input.versionId,
    kind: input.kind,
    ...(withOutcome ? { outcome: input.outcome ?? 'favorable' } : {}),
    ...(input.votes ? { votes: input.votes } : {}),
    ...(input.pvExtract ? { pvExtract: input.pvExtract } : {}),
  };
  const res = await server.api('POST', `/api/seances/${seance.body.id}/acts`, { cookie: server.adminCookie, body });
  if (res.status !== 201) throw new Error(`act ${input.kind} (${input.instanceKind}): ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

/** A PM's version approved in its établissement: the CME's avis, then the directoire's approbation. */
export async function approvePm(
  server: TestServer,
  input: { etablissement: string; projectId: string; versionId: string; avisOn: string; approvedOn: string },
): Promise<void> {
  const { etablissement: organisationId, projectId, versionId } = input;
  await recordOrgAct(server, { organisationId, instanceKind: 'CME', kind: 'avis', date: input.avisOn, projectId, versionId });
  await recordOrgAct(server, { organisationId, instanceKind: 'DIRECTOIRE', kind: 'approbation', date: input.approvedOn, projectId, versionId });
}

type Step = { organisationId: string; instanceKind: InstanceKind; kind: string };

/** The CMG's avis and the comité stratégique: what the PMP needs before it goes to the ARS for information. */
export async function elaboratePmp(server: TestServer, input: { ght: string; projectId: string; versionId: string; date: string }): Promise<void> {
  const steps: Step[] = [
    { organisationId: input.ght, instanceKind: 'CMG', kind: 'avis' },
    { organisationId: input.ght, instanceKind: 'COMITE_STRATEGIQUE', kind: 'concertation' },
  ];
  for (const step of steps) await recordOrgAct(server, { ...step, date: input.date, projectId: input.projectId, versionId: input.versionId });
}

/** The R6132-6 sequence in every member of the GHT, by its type, in order, on `date`. */
export async function memberSequences(server: TestServer, input: { ght: string; projectId: string; versionId: string; date: string }): Promise<void> {
  const members = server.deps.store.organisations.list().filter((o) => o.parentId === input.ght && o.kind === 'etablissement');
  for (const member of members) {
    const kinds: [InstanceKind, string][] =
      member.type === 'ESMS'
        ? [
            ['CSE', 'avis'],
            ['CONSEIL_ADMINISTRATION', 'deliberation'],
          ]
        : member.type === 'HIA'
          ? [['MEDECIN_CHEF', 'avis']]
          : [
              ['DIRECTOIRE', 'concertation'],
              ['CSE', 'avis'],
              ['CME', 'avis'],
              ['CSIRMT', 'avis'],
              ['CONSEIL_SURVEILLANCE', 'avis'],
            ];
    for (const [instanceKind, kind] of kinds) {
      await recordOrgAct(server, { organisationId: member.id, instanceKind, kind, date: input.date, projectId: input.projectId, versionId: input.versionId });
    }
  }
}

/** The convention (or its avenant) signed by the directors, recorded at the GHT's direction. */
export async function signConvention(server: TestServer, input: { ght: string; projectId: string; versionId: string; date: string }): Promise<void> {
  await recordOrgAct(server, {
    organisationId: input.ght,
    instanceKind: 'DIRECTION',
    kind: 'signature',
    date: input.date,
    projectId: input.projectId,
    versionId: input.versionId,
  });
}

/**
 * A small GHT's PMP (support établissement `members[0]`, the others members) taken through its
 * whole path with the API as the administrator: elaborated, sent for information, adopted by
 * every member, signed today, then the signed text submitted for approval. Returns the package.
 */
export async function pmpSubmittedForApproval(
  server: TestServer,
  input: { ght: string; members: string[]; title: string; versionLabel: string },
): Promise<{ projectId: string; versionId: string; submission: { id: string; purpose: string; package: { sha256: string; files: unknown[] } } }> {
  const orgs = server.deps.store.organisations;
  const ght = orgs.create({ name: input.ght, kind: 'GHT' });
  for (const [i, name] of input.members.entries()) orgs.create({ name, kind: 'etablissement', parentId: ght, isSupport: i === 0 });
  orgs.createInstance(ght, 'DIRECTION', `Direction du ${input.ght}`);
  const projectId = await createProject(server, server.adminCookie, { kind: 'PMP', title: input.title, organisationId: ght });
  fillProject(server, projectId, 3);
  const versionId = (await freeze(server, projectId, input.versionLabel)).id;
  const submit = async () => {
    const res = await server.api('POST', `/api/projects/${projectId}/submissions`, { cookie: server.adminCookie, body: { versionId } });
    if (res.status !== 201) throw new Error(`submission: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { id: string; purpose: string; package: { sha256: string; files: unknown[] } };
  };
  await elaboratePmp(server, { ght, projectId, versionId, date: daysAgo(20) });
  await submit();
  await memberSequences(server, { ght, projectId, versionId, date: daysAgo(5) });
  await signConvention(server, { ght, projectId, versionId, date: parisDate(new Date()) });
  return { projectId, versionId, submission: await submit() };
}
