import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, parisDate } from '../../server/governance/parisTime';
import { coherenceGht, type CoherenceGht } from '../helpers/coherenceGht';
import { daysAgo } from '../helpers/exportFixtures';
import { startTestServer, type TestServer } from '../helpers/testServer';

/**
 * An établissement that joins the GHT after its PMP was adopted did not have to approve it: the
 * cohérence view and the follow-up still read the PMP as adopted (members counted as they were
 * over the version's approval path, memberSince/memberUntil). One that was already a member
 * when the path ended and did not approve it still makes the PMP not adopted.
 */
let server: TestServer;
let g: CoherenceGht;

beforeAll(async () => {
  server = await startTestServer();
  g = await coherenceGht(server);
}, 120_000);
afterAll(async () => {
  await server.close();
});

const joinGht = async (name: string, memberSince: string): Promise<void> => {
  const res = await server.api('POST', '/api/organisations', {
    cookie: server.adminCookie,
    body: { name, kind: 'etablissement', parentId: g.ght, type: 'EPS', memberSince },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
};
const coherence = () => server.api('GET', `/api/organisations/${g.ght}/coherence`, { cookie: g.pcmg.cookie });
const followup = () => server.api('GET', `/api/projects/${g.pmpId}/followup`, { cookie: server.adminCookie });

describe('adoption of a PMP when the GHT’s members change', () => {
  it('a member joining after the last act of the path leaves the PMP adopted', async () => {
    // The ARS received the signed convention today: the new member joins from tomorrow.
    await joinGht('Centre hospitalier des Crêtes', addDays(parisDate(new Date()), 1));
    const view = await coherence();
    expect(view.status, JSON.stringify(view.body)).toBe(200);
    expect(view.body).toMatchObject({ pmpProjectId: g.pmpId, pmpVersionId: g.pmpVersionId, pmpAdoptedOn: parisDate(new Date()) });
    const plan = await followup();
    expect(plan.status, JSON.stringify(plan.body)).toBe(200);
  });

  it('a member during the path that did not approve the PMP leaves it not adopted', async () => {
    await joinGht('Centre hospitalier des Combes', daysAgo(30));
    const view = await coherence();
    expect(view.status, JSON.stringify(view.body).slice(0, 300)).toBe(409);
    expect(view.body.error.code).toBe('pmp_not_adopted');
    const plan = await followup();
    expect(plan.status).toBe(409);
    expect(plan.body.error.code).toBe('not_adopted');
  });
});
