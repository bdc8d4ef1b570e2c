import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addThread, anchorInText } from '../../schemas/comments';
import { addDays, parisDate } from '../../server/governance/parisTime';
import { appendParagraph } from '../helpers/richText';
import { firstText } from '../helpers/suggestionText';
import { startTestServer, type TestServer } from '../helpers/testServer';

/**
 * Issue 21: an avis « favorable avec réserves » links each réserve to the comment threads and
 * sections it concerns. Set by the CME's secretary at recording or later; a link into another
 * project is refused (400 naming the field); members of the project who are not its secretary,
 * and strangers, are refused whatever they send by hand.
 */

type U = { id: string; cookie: string };
let server: TestServer;
let coordinator: U;
let secCme: U;
let reader: U;
let reviewer: U;
let stranger: U;
let projectId: string;
let otherProjectId: string;
let versionId: string;
let cme: string;
const day = (n: number) => addDays(parisDate(new Date()), n);
const frDate = (iso: string) => iso.split('-').reverse().join('/');

const ok = (res: { status: number; body: any }, status: number) => {
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
};

/** Opens a thread on the first paragraph of a section, as the editor's panel does through Yjs. */
function comment(project: string, sectionId: string, id: string, text: string): void {
  server.deps.registry.get(project).change((doc) => {
    appendParagraph(doc, sectionId, text);
    addThread(doc, { id, authorId: coordinator.id, body: 'À préciser.', mentions: [], sectionId, anchor: anchorInText(firstText(doc, sectionId), 0, 10) });
  });
}

const seanceWith = async (date: string) =>
  ok(
    await server.api('POST', '/api/seances', {
      cookie: secCme.cookie,
      body: { instanceId: cme, date, place: 'Salle du conseil', agenda: [{ projectId, versionId, act: 'avis' }] },
    }),
    201,
  ).id as string;

beforeAll(async () => {
  server = await startTestServer();
  const orgs = server.deps.store.organisations;
  const ch = orgs.create({ name: 'Centre hospitalier de Réserveville', kind: 'etablissement' });
  coordinator = await server.user('Dr Claire Martin');
  secCme = await server.user('Secrétaire CME');
  reader = await server.user('Lecteur du projet');
  reviewer = await server.user('Relecteur du projet');
  stranger = await server.user('Sans rôle');
  orgs.grantRole(ch, coordinator.id, 'member');
  cme = orgs.createInstance(ch, 'CME', 'Commission médicale d’établissement');
  ok(await server.api('PUT', `/api/instances/${cme}/secretaries/${secCme.id}`, { cookie: server.adminCookie }), 204);
  projectId = ok(
    await server.api('POST', '/api/projects', { cookie: coordinator.cookie, body: { kind: 'PM', title: 'Projet médical 2027–2031', organisationId: ch } }),
    201,
  ).id;
  otherProjectId = ok(
    await server.api('POST', '/api/projects', { cookie: coordinator.cookie, body: { kind: 'PM', title: 'Autre projet', organisationId: ch } }),
    201,
  ).id;
  for (const [user, role] of [
    [reader, 'reader'],
    [reviewer, 'reviewer'],
  ] as const) {
    ok(await server.api('PUT', `/api/projects/${projectId}/members/${user.id}`, { cookie: coordinator.cookie, body: { role } }), 204);
  }
  comment(projectId, 'volet-palliatif', 'c-palliatif', 'Lits identifiés de soins palliatifs.');
  comment(projectId, 'diagnostic', 'c-diagnostic', 'Le territoire compte trois hôpitaux.');
  comment(otherProjectId, 'diagnostic', 'c-ailleurs', 'Un autre territoire.');
  versionId = ok(
    await server.api('POST', `/api/projects/${projectId}/versions`, { cookie: coordinator.cookie, body: { label: 'Version soumise à la CME' } }),
    201,
  ).id;
});
afterAll(() => server?.close());

describe('réserves linked to comments and sections', () => {
  let actId: string;
  const seanceDate = day(-12);

  it('the CME secretary records the avis with its réserves, each linked to what it concerns', async () => {
    const seance = await seanceWith(seanceDate);
    const foreign = await server.api('POST', `/api/seances/${seance}/acts`, {
      cookie: secCme.cookie,
      body: {
        projectId,
        versionId,
        kind: 'avis',
        outcome: 'favorable_reserves',
        reserveItems: [{ text: 'Chiffrer les lits.', commentIds: ['c-palliatif', 'c-ailleurs'] }],
      },
    });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.fields).toEqual([{ path: 'reserveItems.0.commentIds.1', message: 'Ce commentaire n’existe pas dans ce projet.' }]);
    expect(server.deps.store.acts.ofProject(projectId)).toEqual([]);

    const act = ok(
      await server.api('POST', `/api/seances/${seance}/acts`, {
        cookie: secCme.cookie,
        body: {
          projectId,
          versionId,
          kind: 'avis',
          outcome: 'favorable_reserves',
          reserveItems: [
            { text: 'Chiffrer les lits identifiés de soins palliatifs.', commentIds: ['c-palliatif'] },
            { text: 'Actualiser le diagnostic territorial.', sectionIds: ['diagnostic'] },
          ],
        },
      }),
      201,
    );
    actId = act.id;
    expect(act.reserves).toBe('Chiffrer les lits identifiés de soins palliatifs.\nActualiser le diagnostic territorial.');
    expect(act.reserveItems).toEqual([
      { text: 'Chiffrer les lits identifiés de soins palliatifs.', commentIds: ['c-palliatif'], sectionIds: [] },
      { text: 'Actualiser le diagnostic territorial.', commentIds: [], sectionIds: ['diagnostic'] },
    ]);

    // Every member reads them, named as the comments panel shows them.
    const reserves = ok(await server.api('GET', `/api/projects/${projectId}/reserves`, { cookie: reader.cookie }), 200);
    expect(reserves).toEqual([
      expect.objectContaining({
        actId,
        label: `Réserve de la CME du ${frDate(seanceDate)}`,
        text: 'Chiffrer les lits identifiés de soins palliatifs.',
        commentIds: ['c-palliatif'],
        seanceDate,
      }),
      expect.objectContaining({ actId, sectionIds: ['diagnostic'] }),
    ]);
    expect(reserves[0].concerns).toEqual([
      { sectionId: 'volet-palliatif', sectionTitle: expect.stringMatching(/palliati/i), commentId: 'c-palliatif', quote: 'Lits ident' },
    ]);
    expect(reserves[1].concerns).toEqual([{ sectionId: 'diagnostic', sectionTitle: expect.stringMatching(/diagnostic/i), commentId: null, quote: null }]);
    expect((await server.api('GET', `/api/projects/${projectId}/reserves`, { cookie: stranger.cookie })).status).toBe(404);
  });

  it('links are set or replaced later by the secretary, audited; a comment of another project is refused with the field', async () => {
    const foreign = await server.api('PUT', `/api/acts/${actId}/reserves`, {
      cookie: secCme.cookie,
      body: {
        items: [
          { text: 'Chiffrer les lits.', commentIds: ['c-palliatif'] },
          { text: 'Diagnostic.', commentIds: ['c-ailleurs'], sectionIds: ['nulle-part'] },
        ],
      },
    });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.fields.map((f: { path: string }) => f.path)).toEqual(['items.1.commentIds.0', 'items.1.sectionIds.0']);
    expect(foreign.body.error.message).toBe('Données invalides (corps).');

    const items = [{ text: 'Chiffrer les lits identifiés de soins palliatifs.', commentIds: ['c-palliatif', 'c-diagnostic'], sectionIds: ['volet-palliatif'] }];
    const act = ok(await server.api('PUT', `/api/acts/${actId}/reserves`, { cookie: secCme.cookie, body: { items } }), 200);
    expect(act.reserveItems).toEqual(items);
    const audit = ok(await server.api('GET', `/api/projects/${projectId}/audit`, { cookie: coordinator.cookie }), 200) as {
      action: string;
      actor: { name: string };
      details: any;
    }[];
    const entry = audit.find((e) => e.action === 'act.reserves');
    expect(entry).toMatchObject({
      actor: { name: 'Secrétaire CME' },
      details: { after: items, before: [expect.objectContaining({ commentIds: ['c-palliatif'] }), expect.anything()] },
    });
  });

  it('a reader, a reviewer, the coordinator and a stranger sending it by hand are refused; nothing changes', async () => {
    const stored = server.deps.store.actReserves.ofAct(actId);
    const body = { items: [{ text: 'Réserve forgée.', commentIds: ['c-diagnostic'] }] };
    for (const [who, status] of [
      [reader, 403],
      [reviewer, 403],
      [coordinator, 403],
      [stranger, 404],
    ] as const) {
      const res = await server.api('PUT', `/api/acts/${actId}/reserves`, { cookie: who.cookie, body });
      expect(res.status, `PUT as ${who.id}`).toBe(status);
    }
    const recorded = await server.api('POST', `/api/seances/${await seanceWith(day(-5))}/acts`, {
      cookie: reviewer.cookie,
      body: { projectId, versionId, kind: 'avis', outcome: 'favorable_reserves', reserveItems: [{ text: 'Forgée.', commentIds: ['c-diagnostic'] }] },
    });
    expect(recorded.status).toBe(403);
    expect(server.deps.store.actReserves.ofAct(actId)).toEqual(stored);
  });

  it('only an avis « favorable avec réserves » carries réserves', async () => {
    const seance = await seanceWith(day(-3));
    const res = await server.api('POST', `/api/seances/${seance}/acts`, {
      cookie: secCme.cookie,
      body: { projectId, versionId, kind: 'consultation', outcome: 'favorable', reserveItems: [{ text: 'Réserve.', sectionIds: ['diagnostic'] }] },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual([{ path: 'reserveItems', message: 'Seul un avis favorable avec réserves énonce des réserves.' }]);
  });
});
