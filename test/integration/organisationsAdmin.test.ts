import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/testServer';

/**
 * Issue 18, organisations: an administrator creates the GHT, its établissements and the ARS
 * through the API, edits and archives them, creates their instances from the law in one step;
 * an organisation administrator grants and takes back roles in their organisation and no
 * further; everything is audited.
 */
let server: TestServer;
type U = { id: string; email: string; cookie: string };
let orgAdmin: U;
let stranger: U;
let ght: string;
let ch: string;
let chu: string;
let ars: string;

const post = (url: string, cookie: string, body: unknown) => server.api('POST', url, { cookie, body });
const auditOf = (action: string) => server.deps.store.audit.latest(10_000).filter((e) => e.action === action);

beforeAll(async () => {
  server = await startTestServer();
  orgAdmin = await server.user('Admin CH');
  stranger = await server.user('Tiers');
});
afterAll(() => server.close());

describe('organisations through the API', () => {
  it('creates an ARS, a GHT and its établissements; a member from today', async () => {
    const a = await post('/api/organisations', server.adminCookie, { name: 'ARS Centre-Val de Loire', kind: 'ARS' });
    expect(a.status).toBe(201);
    ars = a.body.id;
    const g = await post('/api/organisations', server.adminCookie, {
      name: 'GHT Loire',
      kind: 'GHT',
      arsId: ars,
      instances: ['CMG', 'COMITE_STRATEGIQUE', 'DIRECTION'],
    });
    expect(g.status).toBe(201);
    ght = g.body.id;
    expect(g.body.instances.map((i: { kind: string }) => i.kind).sort()).toEqual(['CMG', 'COMITE_STRATEGIQUE', 'DIRECTION']);
    const c = await post('/api/organisations', server.adminCookie, {
      name: 'CH de Blois',
      kind: 'etablissement',
      parentId: ght,
      finess: '410000087',
      isSupport: true,
    });
    expect(c.status).toBe(201);
    ch = c.body.id;
    const u = await post('/api/organisations', server.adminCookie, { name: 'CHU de Tours', kind: 'etablissement', parentId: ght, type: 'CHU' });
    chu = u.body.id;
    const list = await server.api('GET', '/api/organisations', { cookie: server.adminCookie });
    const blois = list.body.find((o: { id: string }) => o.id === ch);
    expect(blois).toMatchObject({ parentId: ght, isSupport: true, type: 'EPS', finess: '410000087', archived: false });
    expect(blois.memberSince).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(list.body.find((o: { id: string }) => o.id === ght).arsId).toBe(ars);
    expect(auditOf('organisation.create')).toHaveLength(4);
  });

  it('refuses a non-admin, bad placements and a second support, naming the field', async () => {
    expect((await post('/api/organisations', orgAdmin.cookie, { name: 'GHT pirate', kind: 'GHT' })).status).toBe(403);
    const cases: [unknown, string][] = [
      [{ name: 'X', kind: 'etablissement', parentId: ars }, 'parentId'],
      [{ name: 'X', kind: 'GHT', parentId: ght }, 'parentId'],
      [{ name: 'X', kind: 'etablissement', parentId: ght, isSupport: true }, 'isSupport'],
      [{ name: 'X', kind: 'etablissement', finess: '12' }, 'finess'],
      [{ name: 'X', kind: 'GHT', associatedChuId: ch }, 'associatedChuId'],
      [{ name: 'X', kind: 'etablissement', type: 'ESMS', instances: ['CME'] }, 'instances.0'],
    ];
    for (const [body, field] of cases) {
      const res = await post('/api/organisations', server.adminCookie, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.fields[0].path).toBe(field);
    }
  });

  it('edits and archives, audited with before and after; never deletes', async () => {
    expect((await server.api('PATCH', `/api/organisations/${ght}`, { cookie: server.adminCookie, body: { associatedChuId: chu } })).status).toBe(204);
    expect(
      (
        await server.api('PATCH', `/api/organisations/${ch}`, {
          cookie: server.adminCookie,
          body: { finessGeographique: '410000095', name: 'Centre hospitalier de Blois' },
        })
      ).status,
    ).toBe(204);
    const entry = auditOf('organisation.update').find((e) => e.subjectId === ch)!;
    expect(entry.details.changes).toMatchObject({ name: { before: 'CH de Blois', after: 'Centre hospitalier de Blois' } });
    const archived = await post('/api/organisations', server.adminCookie, { name: 'EHPAD fermé', kind: 'etablissement', parentId: ght, type: 'ESMS' });
    expect((await server.api('PATCH', `/api/organisations/${archived.body.id}`, { cookie: server.adminCookie, body: { archived: true } })).status).toBe(204);
    expect(auditOf('organisation.archive')).toHaveLength(1);
    const leaving = await server.api('PATCH', `/api/organisations/${ch}`, { cookie: server.adminCookie, body: { parentId: null, isSupport: true } });
    expect(leaving.status).toBe(400);
    expect(leaving.body.error.fields[0].path).toBe('isSupport');
    expect(server.deps.store.organisations.get(archived.body.id)!.archivedAt).not.toBeNull();
    expect((await server.api('DELETE', `/api/organisations/${archived.body.id}`, { cookie: server.adminCookie })).status).toBe(404);
    const regulatory = await post(`/api/organisations/${archived.body.id}/instances/regulatory`, server.adminCookie, { kinds: ['CSE'] });
    expect(regulatory.status).toBe(409);
    const role = await post(`/api/organisations/${archived.body.id}/roles`, server.adminCookie, { userId: stranger.id, role: 'member' });
    expect(role.status).toBe(409);
    expect(role.body.error.code).toBe('organisation_archived');
  });

  it('offers the instances of the law for the type and creates the ticked ones once', async () => {
    const offer = await server.api('GET', `/api/organisations/${ch}/instances/regulatory`, { cookie: server.adminCookie });
    expect(offer.body.filter((o: { ticked: boolean }) => o.ticked).map((o: { kind: string }) => o.kind)).toEqual([
      'CME',
      'CSE',
      'CSIRMT',
      'DIRECTOIRE',
      'CONSEIL_SURVEILLANCE',
      'CDU',
      'DIRECTION',
    ]);
    const kinds = ['CME', 'CSE', 'CSIRMT', 'DIRECTOIRE', 'CONSEIL_SURVEILLANCE', 'CDU'];
    const first = await post(`/api/organisations/${ch}/instances/regulatory`, server.adminCookie, { kinds });
    expect(first.status).toBe(201);
    expect(first.body.created).toHaveLength(6);
    const again = await post(`/api/organisations/${ch}/instances/regulatory`, server.adminCookie, { kinds });
    expect(again.body.created).toHaveLength(0);
    const ghtOffer = await server.api('GET', `/api/organisations/${ght}/instances/regulatory`, { cookie: server.adminCookie });
    expect(ghtOffer.body.filter((o: { ticked: boolean }) => !o.ticked).map((o: { kind: string }) => o.kind)).toEqual(
      expect.arrayContaining(['CMUG', 'CSIRMTUG', 'CONFERENCE_DIALOGUE_SOCIAL', 'COMMISSION_MEDICO_SOIGNANTE']),
    );
    expect((await post(`/api/organisations/${ch}/instances/regulatory`, stranger.cookie, { kinds: ['CDU'] })).status).toBe(404);
  });

  it('an organisation administrator grants and revokes roles in it, not elsewhere, and edits only its name and FINESS', async () => {
    expect((await post(`/api/organisations/${ch}/roles`, server.adminCookie, { userId: orgAdmin.id, role: 'org_admin' })).status).toBe(204);
    expect((await post(`/api/organisations/${ch}/roles`, orgAdmin.cookie, { userId: stranger.id, role: 'secretary' })).status).toBe(204);
    // Not up to the GHT, not across to the CHU, never an ARS role.
    expect((await post(`/api/organisations/${ght}/roles`, orgAdmin.cookie, { userId: stranger.id, role: 'member' })).status).toBe(403);
    expect((await post(`/api/organisations/${chu}/roles`, orgAdmin.cookie, { userId: stranger.id, role: 'member' })).status).toBe(403);
    expect((await post(`/api/organisations/${ch}/roles`, orgAdmin.cookie, { userId: stranger.id, role: 'ars_reader' })).status).toBe(400);
    expect((await server.api('PATCH', `/api/organisations/${ch}`, { cookie: orgAdmin.cookie, body: { finess: '410000103' } })).status).toBe(204);
    expect((await server.api('PATCH', `/api/organisations/${ch}`, { cookie: orgAdmin.cookie, body: { parentId: null } })).status).toBe(403);
    // A sibling établissement is not in its family: not even shown.
    expect((await server.api('PATCH', `/api/organisations/${chu}`, { cookie: orgAdmin.cookie, body: { name: 'CHU pirate' } })).status).toBe(404);

    const roles = await server.api('GET', `/api/organisations/${ch}/roles`, { cookie: orgAdmin.cookie });
    expect(roles.body.map((r: { userId: string; role: string }) => `${r.role}:${r.userId}`)).toEqual(
      expect.arrayContaining([`secretary:${stranger.id}`, `org_admin:${orgAdmin.id}`]),
    );
    expect((await server.api('DELETE', `/api/organisations/${ght}/roles/${stranger.id}`, { cookie: orgAdmin.cookie })).status).toBe(403);
    expect((await server.api('DELETE', `/api/organisations/${ch}/roles/${stranger.id}?role=secretary`, { cookie: orgAdmin.cookie })).status).toBe(204);
    expect((await server.api('DELETE', `/api/organisations/${ch}/roles/${stranger.id}`, { cookie: orgAdmin.cookie })).status).toBe(404);
    const revoked = auditOf('role.organisation.revoke');
    expect(revoked).toHaveLength(1);
    expect(revoked[0]).toMatchObject({ actorId: orgAdmin.id, subjectId: stranger.id, details: { roles: [{ role: 'secretary', instanceId: null }] } });
  });
});
