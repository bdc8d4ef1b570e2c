import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillSampleContent } from '../../fixtures/sampleDocument';
import { connectClient, synced } from '../helpers/collabClient';
import { adminEmail, adminPassword, startTestServer, type TestServer } from '../helpers/testServer';

/**
 * Issue 18, done when: from an empty database without demo data, a GHT sets itself up through
 * the API only — its ARS, two établissements, their instances from the law, a PCME and a
 * secretary invited who accept their invitations — then a projet médical is written over the
 * collaboration socket (a real y-websocket client), frozen, taken through its path (avis of the
 * CME, then approbation of the Directoire, at séances planned and convened by the secretary) and
 * its adoption record built. The staffing warning shows the missing secretary, then goes.
 */
let server: TestServer;
let admin: string;
const strong = 'tulipe-orage-violon-58';

const call = async (method: string, url: string, cookie: string | undefined, body?: unknown, status = method === 'POST' ? 201 : 200) => {
  const res = await server.api(method, url, { cookie, body });
  if (res.status !== status) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(res.body)}`);
  return res;
};
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

/** Invites a person into an organisation (no SMTP: the administrator gets the link) and accepts it; the new session's cookie. */
async function inviteAndAccept(input: {
  email: string;
  name: string;
  function: string;
  organisationId: string;
  role: string;
}): Promise<{ id: string; cookie: string }> {
  const invited = await call('POST', '/api/users/invitations', admin, input);
  const token = String(invited.body.link).split('/').at(-1);
  const accepted = await call('POST', '/api/auth/invitation/accept', undefined, { token, password: strong }, 200);
  return { id: invited.body.id, cookie: accepted.headers.get('set-cookie')!.split(';')[0]! };
}

beforeAll(async () => {
  server = await startTestServer({ demo: false });
  admin = await server.login(adminEmail, adminPassword);
});
afterAll(() => server.close());

describe('a GHT sets itself up from an empty database, through the API only', () => {
  it('organisations, instances, people, a PM written, frozen, approved and its record built', async () => {
    expect((await call('GET', '/api/organisations', admin)).body).toEqual([]);

    // Organisations: the ARS, the GHT with its own instances, two établissements with theirs.
    const ars = (await call('POST', '/api/organisations', admin, { name: 'ARS Centre-Val de Loire', kind: 'ARS' })).body.id;
    const ghtOffer = (kinds: { kind: string; ticked: boolean }[]) => kinds.filter((k) => k.ticked).map((k) => k.kind);
    const ght = (await call('POST', '/api/organisations', admin, { name: 'GHT Touraine-Val de Loire', kind: 'GHT', arsId: ars })).body.id;
    const ghtInstances = await call('POST', `/api/organisations/${ght}/instances/regulatory`, admin, {
      kinds: ghtOffer((await call('GET', `/api/organisations/${ght}/instances/regulatory`, admin)).body),
    });
    expect(ghtInstances.body.created.map((i: { kind: string }) => i.kind)).toEqual([
      'CMG',
      'COMITE_STRATEGIQUE',
      'CSIRMT_GROUPEMENT',
      'COMITE_ELUS',
      'DIRECTION',
    ]);
    const hospitalKinds = ['CME', 'CSE', 'CSIRMT', 'DIRECTOIRE', 'CONSEIL_SURVEILLANCE', 'CDU', 'DIRECTION'];
    const chu = await call('POST', '/api/organisations', admin, {
      name: 'CHRU de Tours',
      kind: 'etablissement',
      type: 'CHU',
      parentId: ght,
      isSupport: true,
      finess: '370000481',
      instances: hospitalKinds,
    });
    const ch = await call('POST', '/api/organisations', admin, {
      name: 'CH du Chinonais',
      kind: 'etablissement',
      parentId: ght,
      finess: '370000606',
      instances: hospitalKinds,
    });
    expect(ch.body.instances).toHaveLength(7);
    await call('PATCH', `/api/organisations/${ght}`, admin, { associatedChuId: chu.body.id }, 204);
    const orgs = (await call('GET', '/api/organisations', admin)).body;
    expect(orgs.map((o: { name: string }) => o.name).sort()).toEqual([
      'ARS Centre-Val de Loire',
      'CH du Chinonais',
      'CHRU de Tours',
      'GHT Touraine-Val de Loire',
    ]);
    const instances = (await call('GET', `/api/instances?organisationId=${ch.body.id}`, admin)).body as { id: string; kind: string; secretaries: unknown[] }[];
    const cme = instances.find((i) => i.kind === 'CME')!;
    const directoire = instances.find((i) => i.kind === 'DIRECTOIRE')!;

    // The PCME is invited and accepts; they write the PM of their établissement.
    const pcme = await inviteAndAccept({
      email: 'pcme@ch-chinonais.fr',
      name: 'Dr Anne Rivière',
      function: 'PCME',
      organisationId: ch.body.id,
      role: 'member',
    });
    const projectId = (
      await call('POST', '/api/projects', pcme.cookie, { kind: 'PM', title: 'Projet médical 2027–2031 du CH du Chinonais', organisationId: ch.body.id })
    ).body.id;
    const before = (await call('GET', `/api/projects/${projectId}/timeline`, pcme.cookie)).body;
    expect(before.staffing.withoutSecretary).toBe(2);
    expect(before.staffing.warnings[0]).toMatch(/^2 étapes requises sont portées par des instances sans secrétaire/);

    // The secretary of every instance of the établissement is invited and accepts.
    const secretary = await inviteAndAccept({
      email: 'secretariat@ch-chinonais.fr',
      name: 'Sophie Bernard',
      function: 'secrétaire de direction',
      organisationId: ch.body.id,
      role: 'secretary',
    });
    expect((await call('GET', `/api/projects/${projectId}/timeline`, pcme.cookie)).body.staffing).toEqual({
      withoutSecretary: 0,
      withoutInstance: 0,
      warnings: [],
    });
    // The coordinator finds the secretary by name and adds her to the project.
    const found = (await call('GET', '/api/users?query=bernard', pcme.cookie)).body;
    expect(found.map((u: { id: string }) => u.id)).toEqual([secretary.id]);
    await call('PUT', `/api/projects/${projectId}/members/${secretary.id}`, pcme.cookie, { role: 'reader' }, 204);

    // Written over the collaboration socket, as the editor does.
    const token = (await call('POST', `/api/projects/${projectId}/collab-token`, pcme.cookie)).body.token;
    const client = connectClient(server.url, projectId, { token }, { reconnect: false });
    await synced(client);
    fillSampleContent(client.doc, 5);
    // The server has it when its completeness says so (the guard would have closed the socket otherwise).
    let complete = false;
    for (let i = 0; i < 100 && !complete; i++) {
      complete = (await call('GET', `/api/projects/${projectId}/completeness`, pcme.cookie)).body.complete;
      if (!complete) await new Promise((r) => setTimeout(r, 100));
    }
    expect(client.closes).toEqual([]);
    expect(complete).toBe(true);
    client.destroy();

    // Frozen by its coordinator, then through the séances: CME avis, then Directoire approbation.
    const version = (await call('POST', `/api/projects/${projectId}/versions`, pcme.cookie, { label: 'Texte soumis aux instances' })).body;
    const actAt = async (instanceId: string, date: string, act: Record<string, unknown>) => {
      const seance = (
        await call('POST', '/api/seances', secretary.cookie, {
          instanceId,
          date,
          place: 'Salle du conseil',
          agenda: [{ projectId, versionId: version.id, act: act.kind }],
        })
      ).body.id;
      await call('POST', `/api/seances/${seance}/convocation`, secretary.cookie, { sentOn: daysAgo(30) }, 200);
      return (await call('POST', `/api/seances/${seance}/acts`, secretary.cookie, { projectId, versionId: version.id, ...act })).body.id;
    };
    await actAt(cme.id, daysAgo(12), { kind: 'avis', outcome: 'favorable', votes: { pour: 21, contre: 0, abstention: 2 } });
    await actAt(directoire.id, daysAgo(5), { kind: 'approbation', outcome: 'favorable' });
    const timeline = (await call('GET', `/api/projects/${projectId}/timeline`, pcme.cookie)).body;
    expect(timeline.missing).toEqual([]);
    expect(timeline.steps.filter((s: { status: string }) => s.status === 'done').map((s: { stepId: string }) => s.stepId)).toEqual([
      'cme-avis',
      'directoire-approbation',
    ]);

    // Its record: the adoption record, kept by the établissement, addressed to no ARS.
    const record = await call('POST', `/api/projects/${projectId}/submissions`, pcme.cookie, { versionId: version.id });
    expect(record.body).toMatchObject({ purpose: 'adoption', ars: null });

    // Everything above is in the audit log, with who did it.
    const actions = (await call('GET', '/api/audit', admin)).body.entries.map(
      (e: { action: string; actor: { name: string } }) => `${e.action} ${e.actor.name}`,
    );
    expect(actions).toEqual(
      expect.arrayContaining([
        'organisation.create Administrateur',
        'instance.create Administrateur',
        'user.invite Administrateur',
        'role.organisation.grant Administrateur',
        'user.invitation.accept Dr Anne Rivière',
        'user.invitation.accept Sophie Bernard',
        'version.freeze Dr Anne Rivière',
        'act.record Sophie Bernard',
      ]),
    );
  }, 90_000);
});

describe('first set-up status', () => {
  it('says what is left, and is done once everything exists; administrators only', async () => {
    const fresh = await startTestServer({ demo: false });
    try {
      const adminCookie = fresh.adminCookie;
      const status = async () =>
        (await fresh.api('GET', '/api/setup', { cookie: adminCookie })).body as { done: boolean; steps: { id: string; done: boolean; todo: string[] }[] };
      const first = await status();
      expect(first.done).toBe(false);
      expect(first.steps.map((s) => s.id)).toEqual(['organisations', 'ars', 'instances', 'secretaries', 'people']);
      expect(first.steps[0]!.todo).toEqual(['Créez le GHT et ses établissements, ou un établissement seul.']);
      // A single établissement, with its ARS and its instances, one secretary of all of them who accepted.
      const ars = (await fresh.api('POST', '/api/organisations', { cookie: adminCookie, body: { name: 'ARS Bretagne', kind: 'ARS' } })).body.id;
      const ch = (await fresh.api('POST', '/api/organisations', { cookie: adminCookie, body: { name: 'CH de Ploërmel', kind: 'etablissement', arsId: ars } }))
        .body.id;
      const midway = await status();
      expect(midway.steps.filter((s) => s.done).map((s) => s.id)).toEqual(['organisations', 'ars']);
      expect(midway.steps[2]!.todo).toEqual(['CH de Ploërmel : CME, CSE, CSIRMT, DIRECTOIRE, CONSEIL_SURVEILLANCE, CDU, DIRECTION à créer.']);
      await fresh.api('POST', `/api/organisations/${ch}/instances/regulatory`, {
        cookie: adminCookie,
        body: { kinds: ['CME', 'CSE', 'CSIRMT', 'DIRECTOIRE', 'CONSEIL_SURVEILLANCE', 'CDU', 'DIRECTION'] },
      });
      const invited = await fresh.api('POST', '/api/users/invitations', {
        cookie: adminCookie,
        body: { email: 'sec@ploermel.fr', name: 'Secrétariat', organisationId: ch, role: 'secretary' },
      });
      expect((await status()).steps.find((s) => s.id === 'people')!.todo).toEqual(['Secrétariat n’a pas encore accepté son invitation.']);
      await fresh.api('POST', '/api/auth/invitation/accept', { body: { token: String(invited.body.link).split('/').at(-1), password: strong } });
      expect((await status()).done).toBe(true);
      const someone = await fresh.user('Quelqu’un');
      expect((await fresh.api('GET', '/api/setup', { cookie: someone.cookie })).status).toBe(403);
    } finally {
      await fresh.close();
    }
  });
});
