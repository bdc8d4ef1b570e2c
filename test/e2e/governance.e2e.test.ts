import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'puppeteer-core';
import { editorDist } from '../../server/http/app';
import { addMonths, parisDate } from '../../server/governance/parisTime';
import { runReminders } from '../../server/commands/reminders';
import { demoPassword } from '../../server/seed/demo';
import { launchChromium } from '../helpers/browser';
import { openAs as openBrowserAs, waitText } from '../helpers/browserSession';
import { pmpSubmittedForApproval } from '../helpers/adoption';
import { daysAgo } from '../helpers/exportFixtures';
import { appendParagraph } from '../helpers/richText';
import { adminEmail, adminPassword, startTestServer, tempDir, type TestServer } from '../helpers/testServer';
import { demoPmpTitle } from '../../server/seed/demoContent';

/**
 * Governance in Chromium against the demo GHT Seine-Essonne: the secretary's calendar, séance
 * page and act form (with the order rules), the coordinator's timeline, versions and diff, the
 * calendar subscription, exports, notifications, and the ARS reader's portal.
 */

let server: TestServer;
let browser: Browser;
const downloads = tempDir('pmp-e2e-downloads-');

const julie = { email: 'julie.petit@demo.ght.fr', password: demoPassword };
const claire = { email: 'claire.martin@demo.ght.fr', password: demoPassword };
const ars = { email: 'lecteur@demo.ars.fr', password: demoPassword };

let julieCookie: string;
let claireCookie: string;
let pmpId: string;
let pmpV1: string;
let supportId: string;
let instances: { id: string; kind: string; organisationId: string; name: string; canManage: boolean }[];
let pastCmgSeance: string;
let directoireSeance: string;
const appended = 'Ajout après l’avis : une équipe mobile de gériatrie commune aux trois établissements.';

const ok = (res: { status: number; body: any }, status: number) => {
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
};

beforeAll(async () => {
  if (!fs.existsSync(path.join(editorDist, 'index.html'))) throw new Error('editor/dist is missing: npm test builds it');
  server = await startTestServer({ demo: true });
  julieCookie = await server.login(julie.email, julie.password);
  claireCookie = await server.login(claire.email, claire.password);
  const projects = ok(await server.api('GET', '/api/projects', { cookie: claireCookie }), 200);
  pmpId = projects.find((p: { title: string }) => p.title === demoPmpTitle).id;
  pmpV1 = ok(await server.api('GET', `/api/projects/${pmpId}/versions`, { cookie: claireCookie }), 200)[0].id;
  const orgs = ok(await server.api('GET', '/api/organisations', { cookie: claireCookie }), 200);
  supportId = orgs.find((o: { name: string }) => o.name === 'Centre hospitalier de Corbeil-Seine').id;
  instances = ok(await server.api('GET', '/api/instances', { cookie: server.adminCookie }), 200);
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const openAs = (person: { email: string; password: string }): Promise<Page> => openBrowserAs(browser, server.url, person, { downloads });

async function go(page: Page, hash: string): Promise<void> {
  await page.evaluate((h) => {
    location.hash = h;
  }, hash);
}

const text = (page: Page, selector: string) => page.$eval(selector, (el) => (el as HTMLElement).innerText.replace(/\s+/g, ' '));

const instanceOf = (kind: string, organisationId?: string, name?: string) =>
  instances.find((i) => i.kind === kind && (!organisationId || i.organisationId === organisationId) && (!name || i.name.includes(name)))!;

describe('governance in the browser (demo GHT Seine-Essonne)', () => {
  let secretary: Page;
  let coordinator: Page;

  it('the secretary opens the calendar and sees the seeded séances (grid, list, filters)', async () => {
    secretary = await openAs(julie);
    // Secretaries get the calendar and the secretariat in the header.
    await secretary.waitForSelector('#nav-secretariat', { visible: true });
    await secretary.click('#nav-calendar');
    await secretary.waitForFunction(() => document.querySelector('h1')?.textContent === 'Calendrier des instances', { polling: 100 });

    await go(secretary, '#/gouvernance/2027-03');
    await waitText(secretary, 'td[data-date="2027-03-09"]', 'Commission médicale de groupement');
    await waitText(secretary, 'td[data-date="2027-03-23"]', 'Comité stratégique du GHT');
    expect(await text(secretary, 'td[data-date="2027-03-09"]')).toContain('14:00');
    expect(await text(secretary, '.month-grid caption')).toBe('Séances de mars 2027');
    expect(await text(secretary, '.calendar-summary')).toContain('2 séances');
    // Headers of the grid are real column headers.
    expect(await secretary.$$eval('.month-grid thead th[scope="col"]', (ths) => ths.length)).toBe(7);

    await secretary.click('.calendar-modes a:nth-child(2)');
    await secretary.waitForSelector('.seance-list');
    const march9 = await text(secretary, '.seance-card:first-child');
    expect(march9).toContain('09/03/2027 — Commission médicale de groupement');
    expect(march9).toContain('14:00 – 17:00');
    expect(march9).toContain('Salle du conseil, Centre hospitalier de Corbeil-Seine');
    expect(march9).toContain('version 1 « Projet médical partagé — version 1 (présentation) »');
    expect(march9).toContain('acte attendu : présentation');
    expect(march9).toContain('Convocation à envoyer au plus tard le 02/03/2027');
    await waitText(secretary, '.seance-card', 'version à figer');
    const before = await secretary.$$eval('.seance-card', (cards) => cards.length);
    expect(before).toBeGreaterThanOrEqual(5);

    // Filter on the CMG: the comité stratégique's séance goes.
    await secretary.select('#filter-instance', instanceOf('CMG').id);
    await secretary.waitForFunction((n) => document.querySelectorAll('.seance-card').length === n - 1, { polling: 100 }, before);
    expect(await text(secretary, '.seance-list')).not.toContain('Comité stratégique');
    await secretary.select('#filter-instance', '');
    await secretary.waitForFunction((n) => document.querySelectorAll('.seance-card').length === n, { polling: 100 }, before);
  }, 60_000);

  it('the secretary plans a séance with its agenda, then marks the convocation sent', async () => {
    await go(secretary, '#/gouvernance');
    await secretary.waitForSelector('#plan-seance');
    await secretary.click('#plan-seance');
    await secretary.waitForSelector('#seance-instance');
    await secretary.select('#seance-instance', instanceOf('CMG').id);
    await secretary.$eval('#seance-date', (el) => ((el as HTMLInputElement).value = '2027-05-18'));
    await secretary.$eval('#seance-start', (el) => ((el as HTMLInputElement).value = '09:00'));
    await secretary.type('#seance-place', 'Salle des commissions, Étampes');
    await secretary.click('#agenda-add-row');
    await secretary.waitForSelector('#row-project-1');
    await secretary.select('#row-project-1', pmpId);
    await secretary.waitForFunction(
      (v) => [...document.querySelectorAll<HTMLOptionElement>('#row-version-1 option')].some((o) => o.value === v),
      { polling: 100 },
      pmpV1,
    );
    await secretary.select('#row-version-1', pmpV1);
    await secretary.select('#row-act-1', 'discussion');
    await secretary.click('#seance-submit');
    await waitText(secretary, 'h1', 'Séance du 18/05/2027 — Commission médicale de groupement');
    const agenda = await text(secretary, '.agenda-table');
    expect(agenda).toContain('Projet médical partagé 2026–2030');
    expect(agenda).toContain('discussion');
    expect(await text(secretary, '.seance-convocation')).toContain('Convocation à envoyer au plus tard le 11/05/2027');

    await secretary.click('#convocation-sent');
    await waitText(secretary, '.seance-live', 'Convocation marquée comme envoyée');
    expect(await text(secretary, '.seance-convocation')).toContain('Convocation envoyée le');
    // The result is announced and takes the focus.
    expect(await secretary.evaluate(() => document.activeElement?.classList.contains('seance-live'))).toBe(true);
  }, 60_000);

  it('the secretary records an avis on a frozen version (with its votes and PV extract)', async () => {
    // A CMG séance held three days ago, its convocation sent in time (D6132-9-8: 7 days).
    pastCmgSeance = ok(
      await server.api('POST', '/api/seances', {
        cookie: julieCookie,
        body: {
          instanceId: instanceOf('CMG').id,
          date: daysAgo(3),
          startTime: '14:00',
          endTime: '17:00',
          place: 'Salle du conseil',
          agenda: [{ projectId: pmpId, versionId: pmpV1, act: 'avis' }],
        },
      }),
      201,
    ).id;
    ok(await server.api('POST', `/api/seances/${pastCmgSeance}/convocation`, { cookie: julieCookie, body: { sentOn: daysAgo(12) } }), 200);

    await go(secretary, `#/seances/${pastCmgSeance}`);
    await waitText(secretary, 'h1', 'Séance du');
    await secretary.waitForSelector('.act-form');
    expect(await text(secretary, 'h1')).toContain('Commission médicale de groupement');
    expect(await secretary.$eval('#act-kind', (el) => (el as HTMLSelectElement).value)).toBe('avis');

    // No outcome: refused before anything is sent, with the reason next to the field.
    await secretary.click('#act-submit');
    await waitText(secretary, '.act-feedback [role="alert"]', 'Indiquez le sens de l’avis');

    await secretary.click('#act-outcome-favorable_reserves');
    await secretary.type('#act-votes-pour', '18');
    await secretary.type('#act-votes-contre', '2');
    await secretary.type('#act-votes-abstention', '1');
    await secretary.type('#act-reserves', 'Préciser la filière gériatrique.');
    await secretary.type('#act-pv', 'La CMG émet un avis favorable avec réserves sur la version 1.');
    await secretary.click('#act-submit');
    await secretary.waitForSelector('.act-card[data-act-kind="avis"]');
    const act = await text(secretary, '.act-card[data-act-kind="avis"]');
    expect(act).toContain('Avis favorable avec réserves');
    expect(act).toContain('18 pour, 2 contre, 1 abstention');
    expect(act).toContain('Préciser la filière gériatrique.');
    expect(act).toContain('La CMG émet un avis favorable avec réserves sur la version 1.');
    expect(act).toContain('version 1 « Projet médical partagé — version 1 (présentation) »');
    await waitText(secretary, '.seance-live', 'Acte enregistré');
    expect(await text(secretary, '.agenda-table tbody')).toContain('enregistré');

    const stored = ok(await server.api('GET', `/api/projects/${pmpId}/acts`, { cookie: claireCookie }), 200);
    expect(stored).toEqual([
      expect.objectContaining({
        kind: 'avis',
        outcome: 'favorable_reserves',
        votes: { pour: 18, contre: 2, abstention: 1 },
        version: expect.objectContaining({ id: pmpV1 }),
      }),
    ]);
  }, 60_000);

  it('an approbation before its avis is refused and the rule sentence is shown', async () => {
    // A PM of the support establishment: its Directoire approves only after the CME's avis.
    const pmId = ok(
      await server.api('POST', '/api/projects', {
        cookie: claireCookie,
        body: { kind: 'PM', title: 'Projet médical d’établissement — Corbeil-Seine', organisationId: supportId },
      }),
      201,
    ).id;
    const pmV1 = ok(
      await server.api('POST', `/api/projects/${pmId}/versions`, { cookie: claireCookie, body: { label: 'Version soumise au Directoire' } }),
      201,
    ).id;
    const directoire = instanceOf('DIRECTOIRE', supportId);
    const me = ok(await server.api('GET', '/api/me', { cookie: julieCookie }), 200);
    ok(await server.api('PUT', `/api/instances/${directoire.id}/secretaries/${me.id}`, { cookie: server.adminCookie }), 204);
    directoireSeance = ok(
      await server.api('POST', '/api/seances', {
        cookie: julieCookie,
        body: { instanceId: directoire.id, date: daysAgo(2), startTime: '09:30', agenda: [{ projectId: pmId, versionId: pmV1, act: 'approbation' }] },
      }),
      201,
    ).id;

    await go(secretary, `#/seances/${directoireSeance}`);
    await waitText(secretary, 'h1', 'Directoire');
    await secretary.waitForSelector('.act-form');
    expect(await secretary.$eval('#act-kind', (el) => (el as HTMLSelectElement).value)).toBe('approbation');
    await secretary.click('#act-outcome-favorable');
    await secretary.click('#act-submit');
    await secretary.waitForSelector('.rule-violation[role="alert"]');
    const alert = await text(secretary, '.rule-violation');
    expect(alert).toContain('L’approbation du Directoire requiert au préalable l’avis de la CME sur la même version');
    expect(await secretary.$('.rule-violation li[data-rule="prerequisite:cme-avis"]')).not.toBeNull();
    // Julie is not a coordinator of the project: she is told who can override.
    expect(await text(secretary, '.override-hint')).toContain('un coordonnateur du projet peut l’enregistrer');
    // The alert took the focus.
    expect(await secretary.evaluate(() => document.activeElement?.classList.contains('rule-violation'))).toBe(true);
    expect(await secretary.$('.act-card')).toBeNull();
  }, 60_000);

  it('the coordinator sees the act on the project timeline, then the avis flagged stale with the sections changed', async () => {
    coordinator = await openAs(claire);
    await go(coordinator, `#/projets/${pmpId}`);
    await coordinator.waitForSelector('#project-calendar-link');
    await coordinator.click('#project-calendar-link');
    await coordinator.waitForSelector('.steps-table');
    expect(await text(coordinator, 'h1')).toBe('Calendrier d’approbation');
    await coordinator.waitForSelector('.steps-table tr[data-step-id="cmg-avis"][data-status="done"]');
    const row = await text(coordinator, '.acts-table tr[data-act-kind="avis"]');
    expect(row).toContain('Commission médicale de groupement');
    expect(row).toContain('favorable avec réserves');
    expect(row).toContain('à jour');
    expect(await coordinator.$$eval('.gantt-milestone.status-done', (els) => els.length)).toBeGreaterThanOrEqual(1);
    expect(await text(coordinator, '.gantt-today')).toContain('aujourd’hui');
    // The seeded target (30/09/2027) is a deadline with acts still to plan.
    await waitText(coordinator, '.deadline-list li[data-kind="transmission"]', '30/09/2027');
    expect(await coordinator.$('.stale-section')).toBeNull();

    // The text changes after the avis: the avis is stale for the new text.
    server.deps.registry.get(pmpId).change((doc) => appendParagraph(doc, 'suivi-evaluation', appended));
    await coordinator.reload();
    await coordinator.waitForSelector('.stale-act');
    const stale = await text(coordinator, '.stale-group');
    expect(stale).toContain('Texte modifié depuis un acte');
    expect(await text(coordinator, '.stale-act')).toContain('avis — Commission médicale de groupement');
    expect(stale).toContain('modifiée');
    expect(await text(coordinator, '.acts-table tr[data-act-kind="avis"]')).toContain('modifié depuis l’acte');

    await coordinator.click('.stale-diffs a');
    await coordinator.waitForSelector('.diff-line.op-added');
    expect(await text(coordinator, 'h1')).toContain('Différences entre la version 1');
    await waitText(coordinator, '.diff-line.op-added', appended);
  }, 90_000);

  it('the coordinator freezes a version, opens it read-only, exports it, and sees why the ARS package is not ready', async () => {
    await go(coordinator, `#/projets/${pmpId}/calendrier`);
    await coordinator.waitForSelector('#freeze-label');
    await coordinator.type('#freeze-label', 'Version 2 — après la CMG');
    await coordinator.click('#freeze-submit');
    await waitText(coordinator, '.versions-table', '2. Version 2 — après la CMG');
    await waitText(coordinator, '.versions-live', 'Version 2 figée');

    await coordinator.click('.versions-table tbody tr:first-child .version-actions a');
    await coordinator.waitForSelector('.version-content');
    expect(await text(coordinator, 'h1')).toBe('Version 2 « Version 2 — après la CMG »');
    await waitText(coordinator, '.version-section', appended);
    expect(await coordinator.$$eval('.version-toc a', (links) => links.length)).toBeGreaterThan(5);

    // DOCX of the frozen version, saved under the server's file name.
    await coordinator.click('.version-page [data-export="docx"]');
    await coordinator.waitForFunction(() => document.querySelector('.export-done, .export-error p'), { polling: 100, timeout: 60_000 });
    expect(await coordinator.$('.export-error p')).toBeNull();
    expect(await text(coordinator, '.export-done')).toMatch(/DOCX prêt : .*-v2\.docx/);
    // A PDF asked for and cancelled at once.
    await coordinator.click('.version-page [data-export="pdf"]');
    await coordinator.waitForSelector('.export-cancel');
    expect(await coordinator.$eval('.version-page [data-export="pdf"]', (b) => (b as HTMLButtonElement).disabled)).toBe(true);
    await coordinator.click('.export-cancel');
    await waitText(coordinator, '.export-status', 'Export PDF annulé.');

    await coordinator.click('#submission-create');
    await coordinator.waitForSelector('.submission-missing[role="alert"]');
    const missing = await text(coordinator, '.submission-missing');
    expect(missing).toContain('Le dossier ne peut pas encore être transmis à l’ARS');
    expect(missing).toContain('Actes requis manquants');
    expect(await coordinator.$$eval('.missing-acts li', (lis) => lis.length)).toBeGreaterThan(0);
  }, 120_000);

  it('shows the secret calendar URL; the feed answers without a cookie, until revoked', async () => {
    await go(secretary, '#/gouvernance');
    await secretary.waitForSelector('#feed-issue');
    await secretary.click('#feed-issue');
    await secretary.waitForSelector('#feed-url');
    const url = await secretary.$eval('#feed-url', (el) => (el as HTMLInputElement).value);
    expect(url).toMatch(/^http:\/\/[^/]+\/api\/calendar\/feeds\/[A-Za-z0-9_-]+\.ics$/);
    expect(await text(secretary, '.feed-help')).toContain('Outlook');
    await secretary.click('#feed-copy');
    await waitText(secretary, '.feed-copied', 'opi');

    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/calendar/);
    const ics = await res.text();
    expect(ics).toContain(`UID:seance-${pastCmgSeance}@pmp-workbench`);
    expect(ics).toContain('Commission médicale de groupement');
    expect(ics).toContain('TZID=Europe/Paris');

    await secretary.click('#feed-revoke');
    await waitText(secretary, '.feed-live', 'Lien révoqué');
    expect((await fetch(url)).status).toBe(404);
  }, 60_000);

  it('the secretary dashboard and the notification bell', async () => {
    // A CMG séance in three days whose convocation is not sent: late, and reminded.
    const soon = parisDate(new Date(Date.now() + 3 * 86_400_000));
    ok(
      await server.api('POST', '/api/seances', { cookie: julieCookie, body: { instanceId: instanceOf('CMG').id, date: soon, startTime: '10:00', agenda: [] } }),
      201,
    );
    await runReminders(server.deps, new Date(), null);

    await go(secretary, '#/secretariat');
    await secretary.waitForSelector('#not-sent-heading');
    await waitText(secretary, '#not-sent-heading-section li', 'en retard');
    expect(await text(secretary, '.meetings-table')).toContain('Commission médicale de groupement');
    // The refused approbation is still owed; the avis recorded is not listed.
    await waitText(secretary, '#missing-heading-section li', 'approbation sur « Projet médical d’établissement — Corbeil-Seine »');
    expect(await text(secretary, '#missing-heading-section')).not.toContain('Projet médical partagé');

    await secretary.reload();
    await secretary.waitForFunction(() => Number(document.querySelector<HTMLElement>('#notifications-bell')?.dataset.unread ?? '0') > 0, { polling: 200 });
    const unread = Number(await secretary.$eval('#notifications-bell', (b) => (b as HTMLElement).dataset.unread));
    await secretary.click('#notifications-bell');
    await secretary.waitForSelector('#notifications-panel .notification');
    expect(await secretary.$eval('#notifications-bell', (b) => b.getAttribute('aria-expanded'))).toBe('true');
    await secretary.click('#notifications-panel .notification-read');
    await secretary.waitForFunction(
      (n) => Number(document.querySelector<HTMLElement>('#notifications-bell')?.dataset.unread) === n - 1,
      { polling: 100 },
      unread,
    );
    await secretary.keyboard.press('Escape');
    expect(await secretary.$eval('#notifications-panel', (p) => (p as HTMLElement).hidden)).toBe(true);
    // Focus back on the bell (RGAA: a closed disclosure returns the focus to its button).
    expect(await secretary.evaluate(() => document.activeElement?.id)).toBe('notifications-bell');
    // The full list: the one read, marked so in words.
    await go(secretary, '#/notifications');
    await secretary.waitForSelector('.notifications-page .notification-list');
    expect(await secretary.$$eval('.notifications-page .notification.is-read', (els) => els.length)).toBeGreaterThanOrEqual(1);
    expect(await secretary.$eval('#notifications-panel', (p) => (p as HTMLElement).hidden)).toBe(true);
  }, 60_000);

  it('a coordinator who keeps the séance records the refused approbation with a justified override', async () => {
    // The administrator is both: coordinator of every project and secretary of every instance.
    const admin = await openAs({ email: adminEmail, password: adminPassword });
    await go(admin, `#/seances/${directoireSeance}`);
    await waitText(admin, 'h1', 'Directoire');
    await admin.waitForSelector('.act-form');
    await admin.click('#act-outcome-favorable');
    await admin.click('#act-submit');
    await admin.waitForSelector('.rule-violation[role="alert"]');
    expect(await text(admin, '.override-box')).toContain('En tant que coordonnateur du projet, vous pouvez enregistrer l’acte malgré ces règles');
    await admin.click('#act-override-submit');
    await waitText(admin, '.override-box .field-error', '10 caractères');
    await admin.type('#act-override', 'Avis de la CME rendu en séance commune, PV en cours de signature.');
    await admin.click('#act-override-submit');
    await admin.waitForSelector('.act-card[data-act-kind="approbation"]');
    const act = await text(admin, '.act-card[data-act-kind="approbation"]');
    expect(act).toContain('dérogation');
    expect(act).toContain('Avis de la CME rendu en séance commune');
    expect(act).toContain('prerequisite:cme-avis');
  }, 60_000);

  it('the ARS reader sees the package in the portal, verifies it and acknowledges receipt', async () => {
    // A PMP of a small GHT taken through its path: sent for information, adopted by its member,
    // signed, then the signed avenant submitted for approval (the package whose receipt starts the clock).
    const { submission } = await pmpSubmittedForApproval(server, {
      ght: 'GHT du Hurepoix',
      members: ['Centre hospitalier d’Arpajon-Orge'],
      title: 'Projet médical partagé 2027–2031 — Hurepoix',
      versionLabel: 'Avenant n° 1 signé',
    });
    expect(submission.purpose).toBe('approbation');

    const reader = await openAs(ars);
    await reader.waitForSelector('#projects-ars-link');
    await reader.click('#projects-ars-link');
    await reader.waitForSelector(`.submission-card[data-submission-id="${submission.id}"]`);
    const card = `.submission-card[data-submission-id="${submission.id}"]`;
    const summary = await text(reader, card);
    expect(summary).toContain('Projet médical partagé 2027–2031 — Hurepoix');
    expect(summary).toContain('ARS Île-de-France');
    expect(summary).toContain(submission.package.sha256);

    await reader.click(`${card} [data-action="download"]`);
    await waitText(reader, `${card} .submission-live`, 'Dossier téléchargé', 30_000);
    await reader.click(`${card} [data-action="verify"]`);
    await reader.waitForSelector(`${card} .verify-table`);
    expect(await text(reader, `${card} .verify-verdict`)).toContain('intègre');
    expect(await text(reader, `${card} .verify-verdict`)).toContain('identique au dossier transmis');
    const rows = await reader.$$eval(`${card} .verify-table tbody tr`, (trs) => trs.map((tr) => tr.getAttribute('data-ok')));
    expect(rows.length).toBe(submission.package.files.length);
    expect(rows.every((ok) => ok === 'true')).toBe(true);
    await waitText(reader, `${card} .submission-live`, 'dossier intègre');

    await reader.click(`${card} [data-action="receipt"]`);
    await reader.waitForSelector(`${card} .receipt-done`);
    const tacit = addMonths(parisDate(new Date()), 2).split('-').reverse().join('/');
    expect(await text(reader, `${card} .receipt-done`)).toContain(`approuvé tacitement le ${tacit}`);
    const after = ok(await server.api('GET', `/api/submissions/${submission.id}`, { cookie: server.adminCookie }), 200);
    expect(after.receipt).toMatchObject({ receivedOn: parisDate(new Date()) });
  }, 240_000);

  it('the secretary corrects a mistaken act: annulled with a justification, kept and marked, then recorded anew', async () => {
    // History entered after the fact: the séance is marked "saisie a posteriori".
    const seanceId = ok(
      await server.api('POST', '/api/seances', {
        cookie: julieCookie,
        body: { instanceId: instanceOf('CMG').id, date: daysAgo(4), agenda: [{ projectId: pmpId, versionId: pmpV1, act: 'discussion' }] },
      }),
      201,
    ).id;
    ok(await server.api('POST', `/api/seances/${seanceId}/convocation`, { cookie: julieCookie, body: { sentOn: daysAgo(14) } }), 200);
    const body = { projectId: pmpId, versionId: pmpV1, kind: 'discussion', notes: 'Observations saisies pour le mauvais projet.' };
    ok(await server.api('POST', `/api/seances/${seanceId}/acts`, { cookie: julieCookie, body }), 201);

    await go(secretary, `#/seances/${seanceId}`);
    await secretary.waitForSelector('.act-card[data-act-kind="discussion"] .annul-act-details');
    expect(await text(secretary, '.gov-facts')).toContain('saisie a posteriori');
    await secretary.click('.act-card[data-act-kind="discussion"] .annul-act-details summary');
    await secretary.type('.act-card[data-act-kind="discussion"] .annul-act textarea', 'Observations saisies sur le mauvais projet.');
    await secretary.click('.act-card[data-act-kind="discussion"] .annul-act button[type="submit"]');
    await waitText(secretary, '.seance-live', 'Acte annulé');
    const card = await text(secretary, '.act-card[data-act-kind="discussion"]');
    expect(card).toContain('annulé');
    expect(card).toContain('Observations saisies sur le mauvais projet.');
    expect(await secretary.$('.act-card[data-act-kind="discussion"] .annul-act-details')).toBeNull();
    // The act no longer counts: the right one can be recorded at the same séance.
    ok(await server.api('POST', `/api/seances/${seanceId}/acts`, { cookie: julieCookie, body: { ...body, notes: 'Observations de la CMG.' } }), 201);
  }, 60_000);
});
