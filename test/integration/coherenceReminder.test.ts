import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filieresMap } from '../../schemas/structured';
import { sharedText } from '../../schemas/sharedText';
import { runReminders } from '../../server/commands/reminders';
import { addDays, addMonths, parisDate } from '../../server/governance/parisTime';
import { adoptPmpVersion, coherenceGht, type CoherenceGht } from '../helpers/coherenceGht';
import { freeze } from '../helpers/exportFixtures';
import { startTestServer, type TestServer } from '../helpers/testServer';

/**
 * Issue 24, item 5: « un projet médical pas encore cohérent six mois après un avenant du PMP ».
 * The clock is the only thing mocked: each run is given its `now`.
 */
let server: TestServer;
let g: CoherenceGht;

const at = (day: string) => new Date(`${day}T09:00:00+01:00`);
const coherenceNotices = (userId: string) =>
  server.deps.store.notifications.ofUser(userId, { unreadOnly: false, limit: 100 }).filter((n) => n.kind === 'coherence_overdue');

beforeAll(async () => {
  server = await startTestServer({ reminderIntervalMs: 0 });
  g = await coherenceGht(server);
}, 120_000);
afterAll(() => server.close());

describe('the six-month cohérence reminder after a PMP avenant', () => {
  it('says nothing about the original PMP (no avenant), however late', async () => {
    await runReminders(server.deps, at(addMonths(parisDate(new Date()), 9)), null);
    expect(coherenceNotices(g.pcmeBasse.id)).toEqual([]);
  });

  it('reminds the PCME and the PCMG of a member still not consistent six months after the avenant’s adoption, once', async () => {
    // Avenant n° 1: opened from the adopted version, the text changed, frozen, adopted today.
    const opened = await server.api('POST', `/api/projects/${g.pmpId}/avenants`, { cookie: g.pcmg.cookie, body: { fromVersionId: g.pmpVersionId } });
    expect(opened.status).toBe(201);
    server.deps.registry
      .get(g.pmpId)
      .change((doc) => filieresMap(doc).get(g.filieres.psy)!.set('description', sharedText('Filière santé mentale, révisée par l’avenant.')));
    const avenant = (await freeze(server, g.pmpId, 'Avenant n° 1')).id;
    await adoptPmpVersion(server, { ght: g.ght, pmpId: g.pmpId, versionId: avenant, arsReader: g.arsReader });
    const adoptedOn = parisDate(new Date());
    const view = (await server.api('GET', `/api/organisations/${g.ght}/coherence`, { cookie: g.pcmg.cookie })).body;
    expect(view).toMatchObject({ pmpVersionId: avenant, pmpLine: 2, pmpAdoptedOn: adoptedOn });

    // The day before six months: nothing.
    await runReminders(server.deps, at(addDays(addMonths(adoptedOn, 6), -1)), null);
    expect(coherenceNotices(g.pcmeBasse.id)).toEqual([]);

    // Six months on: Vallée-Basse (Santé mentale uncovered, HAD not mentioned) is reminded; Vallée-Haute is consistent.
    await runReminders(server.deps, at(addMonths(adoptedOn, 6)), null);
    const [notice, ...more] = coherenceNotices(g.pcmeBasse.id);
    expect(more).toEqual([]);
    expect(notice!.title).toBe('Projet médical à mettre en cohérence avec l’avenant du PMP : Hôpital de Vallée-Basse');
    expect(notice!.body).toContain(
      `L’avenant n° 1 de « PMP des Trois-Vallées 2026–2030 » est adopté depuis le ${adoptedOn.split('-').reverse().join('/')} ; 6 mois après`,
    );
    expect(notice!.body).toContain('Filière « Santé mentale » non couverte');
    expect(notice!.body).toContain('hospitalisation à domicile');
    expect(notice!.body).toContain(`#/ght/${g.ght}/coherence/${g.basse}`);
    expect(notice!.projectId).toBe(g.pmBasse);
    expect(coherenceNotices(g.pcmg.id).map((n) => n.title)).toEqual([notice!.title]);
    expect(coherenceNotices(g.pcmeHaute.id)).toEqual([]);

    // Later runs do not repeat it.
    await runReminders(server.deps, at(addMonths(adoptedOn, 7)), null);
    expect(coherenceNotices(g.pcmeBasse.id)).toHaveLength(1);
  });

  it('refuses a delay under one month in the organisation’s settings (400 naming the field)', async () => {
    const res = await server.api('PUT', `/api/organisations/${g.ght}/governance`, {
      cookie: server.adminCookie,
      body: { documentKind: '*', overrides: { reminders: { coherenceAfterAvenantMonths: 0 } } },
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.error.fields)).toContain('coherenceAfterAvenantMonths');
  });
});
