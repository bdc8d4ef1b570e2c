import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runReminders } from '../../server/commands/reminders';
import { recordOrgAct } from '../helpers/adoption';
import { daysAgo, freeze } from '../helpers/exportFixtures';
import { adoptedPmp, type AdoptedPmp } from '../helpers/followupFixtures';
import { startTestServer, type TestServer } from '../helpers/testServer';

/**
 * Issue 24, item 5: the yearly values falling due, and the bilan annuel to present before the
 * comité stratégique's séance. The clock is the only thing mocked: each run is given its `now`.
 */
let server: TestServer;
let pmp: AdoptedPmp;
let pilot: { id: string; cookie: string };
let adminId: string;

const at = (day: string) => new Date(`${day}T09:00:00+01:00`);
const notices = (userId: string, kind: string) =>
  server.deps.store.notifications.ofUser(userId, { unreadOnly: false, limit: 100 }).filter((n) => n.kind === kind);

beforeAll(async () => {
  server = await startTestServer({ reminderIntervalMs: 0, exportQueue: 1 });
  pilot = await server.user('Sophie Lambert');
  pmp = await adoptedPmp(server, { name: 'Étampes-Juine', pilotMedicalId: pilot.id });
  expect((await server.api('PUT', `/api/projects/${pmp.projectId}/members/${pilot.id}`, { cookie: server.adminCookie, body: { role: 'editor' } })).status).toBe(
    204,
  );
  adminId = (await server.api('GET', '/api/me', { cookie: server.adminCookie })).body.id;
}, 180_000);
afterAll(() => server.close());

describe('follow-up reminders', () => {
  it('asks for the values of the year just ended from mid-January, to the coordinators and the pilots, once', async () => {
    await runReminders(server.deps, at('2027-01-10'), null);
    expect(notices(adminId, 'indicator_values_due')).toEqual([]);
    // Every value of 2026 but one entered in time.
    const entered = await server.api('PUT', `/api/projects/${pmp.projectId}/followup/indicators/${pmp.indicators.ambulatoire}/values/2026`, {
      cookie: pilot.cookie,
      body: { value: 48 },
    });
    expect(entered.status).toBe(204);
    await runReminders(server.deps, at('2027-01-20'), null);
    await runReminders(server.deps, at('2027-01-27'), null);
    const [notice] = notices(adminId, 'indicator_values_due');
    expect(notices(adminId, 'indicator_values_due')).toHaveLength(1);
    expect(notice!.title).toMatch(/^Valeurs 2026 à saisir : \d+ indicateur\(s\) de « Projet médical partagé Étampes-Juine 2025–2029 »$/);
    expect(notice!.body).toContain('« Durée médiane de passage aux urgences »');
    expect(notice!.body).not.toContain('« Taux de chirurgie ambulatoire du sein »');
    expect(notices(pilot.id, 'indicator_values_due')).toHaveLength(1);
  });

  it('reminds the PCMG of the bilan to present at the next comité stratégique, until it is presented', async () => {
    const strategique = server.deps.store.instances.ofOrganisation(pmp.ght).find((i) => i.kind === 'COMITE_STRATEGIQUE')!;
    const seance = await server.api('POST', '/api/seances', {
      cookie: server.adminCookie,
      body: { instanceId: strategique.id, date: '2027-02-16', place: 'Salle du conseil' },
    });
    expect(seance.status).toBe(201);
    await runReminders(server.deps, at('2026-12-15'), null);
    expect(notices(adminId, 'bilan_due')).toEqual([]);
    await runReminders(server.deps, at('2027-01-20'), null);
    const [due] = notices(adminId, 'bilan_due');
    expect(due).toMatchObject({ title: 'Bilan annuel 2026 à présenter : COMITE_STRATEGIQUE (test), séance du 16/02/2027', seanceId: seance.body.id });
    expect(due!.body).toContain('n’est pas encore établi');
    expect(notices(pilot.id, 'bilan_due')).toEqual([]);

    // Made, frozen and presented: no reminder for the next séance.
    const bilan = await server.api('POST', `/api/projects/${pmp.projectId}/bilans`, { cookie: server.adminCookie, body: { year: 2026 } });
    expect(bilan.status).toBe(201);
    const version = await freeze(server, bilan.body.id, 'Bilan annuel 2026 — version présentée');
    await recordOrgAct(server, {
      organisationId: pmp.ght,
      instanceKind: 'COMITE_STRATEGIQUE',
      kind: 'presentation',
      date: daysAgo(1),
      projectId: bilan.body.id,
      versionId: version.id,
    });
    const next = await server.api('POST', '/api/seances', {
      cookie: server.adminCookie,
      body: { instanceId: strategique.id, date: '2027-03-16', place: 'Salle du conseil' },
    });
    expect(next.status).toBe(201);
    await runReminders(server.deps, at('2027-02-20'), null);
    expect(notices(adminId, 'bilan_due').filter((n) => n.seanceId === next.body.id)).toEqual([]);
    // Its path is done: the presentation to the comité stratégique (D6132-9-9).
    const progress = await server.api('GET', `/api/projects/${bilan.body.id}/versions/${version.id}/progress`, { cookie: server.adminCookie });
    expect(progress.body.missing).toEqual([]);
    expect(progress.body.steps[0]).toMatchObject({ stepId: 'bilan-presentation', status: 'done', basis: expect.stringContaining('D6132-9-9') });
  }, 60_000);
});
