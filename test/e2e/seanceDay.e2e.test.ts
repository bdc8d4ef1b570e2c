import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'puppeteer-core';
import { editorDist } from '../../server/http/app';
import { demoPassword } from '../../server/seed/demo';
import { launchChromium } from '../helpers/browser';
import { openAs as openBrowserAs, waitText } from '../helpers/browserSession';
import { daysAgo, fillProject } from '../helpers/exportFixtures';
import { startTestServer, type TestServer } from '../helpers/testServer';
import { demoPmpTitle } from '../../server/seed/demoContent';

/**
 * Issue 20, finding 2, in Chromium on the demo GHT: the secretary takes the demo PMP from a
 * frozen version to a built ARS package (the signed convention submitted for approval) with the
 * path planner and the one-form acts of a day, and the test counts her UI actions; the
 * convocation date is corrected after saving (audited); a coordinator grants a dérogation from
 * the séance, reached from the refusal's link.
 */

let server: TestServer;
let browser: Browser;
const julie = { email: 'julie.petit@demo.ght.fr', password: demoPassword };
const claire = { email: 'claire.martin@demo.ght.fr', password: demoPassword };
let julieCookie: string;
let claireCookie: string;
let julieId: string;
let pmpId: string;

const ok = (res: { status: number; body: any }, status: number) => {
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
};

beforeAll(async () => {
  if (!fs.existsSync(path.join(editorDist, 'index.html'))) throw new Error('editor/dist is missing: npm test builds it');
  server = await startTestServer({ demo: true });
  julieCookie = await server.login(julie.email, julie.password);
  claireCookie = await server.login(claire.email, claire.password);
  julieId = ok(await server.api('GET', '/api/me', { cookie: julieCookie }), 200).id;
  pmpId = ok(await server.api('GET', '/api/projects', { cookie: claireCookie }), 200).find((p: { title: string }) => p.title === demoPmpTitle).id;
  // Julie keeps the secretariat of every instance of the GHT and of its members (the person
  // the finding measured), set up by an administrator.
  const orgs = server.deps.store.organisations;
  const ght = orgs.list().find((o) => o.name === 'GHT Seine-Essonne')!;
  for (const org of orgs.list().filter((o) => o.id === ght.id || o.parentId === ght.id)) orgs.grantRole(org.id, julieId, 'secretary');
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const openAs = (person: { email: string; password: string }): Promise<Page> => openBrowserAs(browser, server.url, person, { timeout: 30_000 });

/** The secretary's hands: every click, selection, typed field and date set counts one. */
function counted(page: Page) {
  const log: string[] = [];
  return {
    log,
    click: async (selector: string) => {
      log.push(`click ${selector}`);
      await page.click(selector);
    },
    type: async (selector: string, text: string) => {
      log.push(`type ${selector}`);
      await page.type(selector, text);
    },
    /** A date field, filled as a person picks a date (Chromium's date widget is locale-bound). */
    date: async (selector: string, value: string) => {
      log.push(`date ${selector}`);
      await page.$eval(selector, (el, v) => ((el as HTMLInputElement).value = v), value);
    },
  };
}

describe('séance page and path planner (issue 20, finding 2)', () => {
  it('the secretary takes the demo PMP from a frozen version to the built ARS package in fewer than 60 UI actions', async () => {
    const complete = ok(await server.api('GET', `/api/projects/${pmpId}/completeness`, { cookie: claireCookie }), 200);
    if (!complete.complete) fillProject(server, pmpId, 3);
    const version = ok(
      await server.api('POST', `/api/projects/${pmpId}/versions`, { cookie: claireCookie, body: { label: 'Version soumise aux instances' } }),
      201,
    );

    const page = await openAs(julie);
    const ui = counted(page);
    const heldOn = daysAgo(3);
    /** From a day's acts: the project's calendar, its version, the package. */
    const buildPackage = async (): Promise<void> => {
      await ui.click(`.day-project-link[data-project-id="${pmpId}"]`);
      await page.waitForSelector('.versions-table');
      await ui.click('.versions-table tbody tr:first-child .version-actions a');
      await page.waitForSelector('#submission-create');
      await ui.click('#submission-create');
      await waitText(page, '.submission-status', 'Dossier constitué', 90_000);
    };

    // From her projects to the approval calendar of the PMP (once the list has loaded).
    await page.waitForSelector(`a[data-project-id="${pmpId}"]`);
    await ui.click(`a[data-project-id="${pmpId}"]`);
    await page.waitForSelector('#project-calendar-link');
    await ui.click('#project-calendar-link');
    await page.waitForSelector('.path-planner');
    // The CMG's avis already sits on a 2027 agenda (version to freeze): she ticks it for this day.
    expect(await page.$eval('#plan-cmg-avis-projet', (el) => (el as HTMLInputElement).checked)).toBe(false);
    // The signature waits for the PMP sent to the ARS for information: not ticked yet.
    expect(await page.$eval('.plan-table tr[data-step-id="signature"] input', (el) => (el as HTMLInputElement).checked)).toBe(false);
    await ui.click('#plan-cmg-avis-projet');
    await ui.date('#plan-date', heldOn);
    await ui.date('#plan-convocation', daysAgo(13));
    await ui.click('#plan-submit');
    await page.waitForSelector('#plan-day-link');
    await ui.click('#plan-day-link');

    // One form for the day: the CMG, the comité stratégique and every member's sequence.
    await page.waitForSelector('.agenda-acts-form');
    const rows = await page.$$eval('.agenda-acts-table tbody tr', (trs) => trs.length);
    expect(rows).toBe(19);
    await ui.click('#batch-all-favorable');
    const cmgRow = await page.$$eval(
      '.agenda-acts-table tr[data-act-kind="avis"]',
      (trs) => (trs as HTMLElement[]).find((tr) => tr.innerText.includes('Commission médicale de groupement'))!.dataset.itemId!,
    );
    await ui.type(`#batch-pour-${cmgRow}`, '18');
    await ui.type(`#batch-contre-${cmgRow}`, '2');
    await ui.type(`#batch-abstention-${cmgRow}`, '1');
    await ui.click('#batch-submit');
    await waitText(page, '.seance-live', '19 actes enregistrés', 90_000);

    // The PMP goes to the ARS for information.
    await buildPackage();

    // Then the signature, today, and the signed convention submitted for approval.
    await ui.click('.breadcrumb a');
    await page.waitForSelector('.path-planner');
    expect(await page.$eval('.plan-table tr[data-step-id="signature"] input', (el) => (el as HTMLInputElement).checked)).toBe(true);
    await ui.click('#plan-submit');
    await page.waitForSelector('#plan-day-link');
    await ui.click('#plan-day-link');
    await page.waitForSelector('.agenda-acts-form');
    await ui.click('#batch-submit');
    await waitText(page, '.seance-live', '1 acte enregistré', 30_000);
    await buildPackage();

    const submissions = ok(await server.api('GET', `/api/projects/${pmpId}/submissions`, { cookie: claireCookie }), 200);
    expect(submissions.map((s: { purpose: string }) => s.purpose)).toEqual(['approbation', 'information']);
    expect(submissions[0].version.id).toBe(version.id);
    // 173 actions before (10 to 11 per act); the target is under 60.
    expect(ui.log.length, ui.log.join('\n')).toBeLessThan(60);
    console.log(`secretary UI actions, frozen version to ARS package: ${ui.log.length}`);
  }, 400_000);

  it('the convocation date is corrected after saving, and the correction is audited', async () => {
    const cmg = server.deps.store.instances
      .ofOrganisation(server.deps.store.organisations.list().find((o) => o.name === 'GHT Seine-Essonne')!.id)
      .find((i) => i.kind === 'CMG')!;
    const versionId = ok(await server.api('GET', `/api/projects/${pmpId}/versions`, { cookie: claireCookie }), 200)[0].id;
    const seanceId = ok(
      await server.api('POST', '/api/seances', {
        cookie: julieCookie,
        body: { instanceId: cmg.id, date: daysAgo(2), agenda: [{ projectId: pmpId, versionId, act: 'discussion' }] },
      }),
      201,
    ).id;
    // The wrong click: "envoyée le" left at today's date, two days after the séance… refused, then the séance's own day.
    ok(await server.api('POST', `/api/seances/${seanceId}/convocation`, { cookie: julieCookie, body: { sentOn: daysAgo(2) } }), 200);

    const page = await openAs(julie);
    await page.evaluate((id) => (location.hash = `#/seances/${id}`), seanceId);
    await page.waitForSelector('.convocation-correction-details');
    await page.click('.convocation-correction-details summary');
    await page.$eval('#convocation-correct-date', (el, v) => ((el as HTMLInputElement).value = v), daysAgo(12));
    await page.click('#convocation-correct');
    await waitText(page, '.seance-live', 'Date d’envoi de la convocation corrigée');
    const [d, m, y] = [daysAgo(12).slice(8), daysAgo(12).slice(5, 7), daysAgo(12).slice(0, 4)];
    await waitText(page, '.seance-convocation', `Convocation envoyée le ${d}/${m}/${y}`);

    const audit = ok(await server.api('GET', `/api/projects/${pmpId}/audit`, { cookie: claireCookie }), 200);
    const corrected = audit.filter(
      (e: { action: string; subject: { id: string } | null; details: { sentOn: string; previous: string | null } }) =>
        e.action === 'seance.convocation' && e.details.sentOn === daysAgo(12),
    );
    expect(corrected.length).toBe(1);
    expect(corrected[0].details.previous).toBe(daysAgo(2));

    // Once an act is recorded the date is fixed: the correction is no longer offered.
    ok(await server.api('POST', `/api/seances/${seanceId}/acts`, { cookie: julieCookie, body: { projectId: pmpId, versionId, kind: 'discussion' } }), 201);
    await page.reload();
    await page.waitForSelector('.seance-convocation');
    await page.waitForSelector('.act-card');
    expect(await page.$('.convocation-correction-details')).toBeNull();
  }, 120_000);

  it('a refused act links the secretary to the séance’s dérogations, where the coordinator grants one; the act then passes', async () => {
    const support = server.deps.store.organisations.list().find((o) => o.name === 'Centre hospitalier de Corbeil-Seine')!;
    const pmId = ok(
      await server.api('POST', '/api/projects', {
        cookie: claireCookie,
        body: { kind: 'PM', title: 'Projet médical — Corbeil-Seine', organisationId: support.id },
      }),
      201,
    ).id;
    ok(await server.api('PUT', `/api/projects/${pmId}/members/${julieId}`, { cookie: claireCookie, body: { role: 'reader' } }), 204);
    const v1 = ok(await server.api('POST', `/api/projects/${pmId}/versions`, { cookie: claireCookie, body: { label: 'Version au Directoire' } }), 201).id;
    const directoire = server.deps.store.instances.ofOrganisation(support.id).find((i) => i.kind === 'DIRECTOIRE')!;
    const seanceId = ok(
      await server.api('POST', '/api/seances', {
        cookie: julieCookie,
        body: { instanceId: directoire.id, date: daysAgo(1), agenda: [{ projectId: pmId, versionId: v1, act: 'approbation' }] },
      }),
      201,
    ).id;

    // The secretary records the approbation: refused (the CME's avis is missing), with the link.
    const secretary = await openAs(julie);
    await secretary.evaluate((id) => (location.hash = `#/seances/${id}`), seanceId);
    await secretary.waitForSelector('.agenda-acts-form');
    await secretary.select('.agenda-acts-table select', 'favorable');
    await secretary.click('#batch-submit');
    await secretary.waitForSelector('.agenda-acts-table tr[data-result="refused"]');
    expect(await secretary.$eval('.batch-result', (el) => (el as HTMLElement).innerText)).toContain('requiert au préalable l’avis de la CME');
    const link = await secretary.$eval('.batch-result .override-hint a', (a) => a.getAttribute('href')!);
    expect(link).toBe(`#/seances/${seanceId}/derogations`);
    // The secretary is not a coordinator: she sees the rules, no dérogation form.
    await secretary.evaluate((h) => (location.hash = h), link);
    await secretary.waitForSelector('.seance-derogations');
    expect(await secretary.$('.derogation-form')).toBeNull();

    // The coordinator (not a secretary) opens the link and grants the dérogation from the séance.
    const coordinator = await openAs(claire);
    await coordinator.evaluate((h) => (location.hash = h), link);
    await coordinator.waitForSelector('.derogation-form');
    expect(await coordinator.evaluate(() => document.activeElement?.classList.contains('seance-derogations'))).toBe(true);
    expect(await coordinator.$('.agenda-acts-form')).toBeNull();
    await coordinator.click('.derogation-form button[type="submit"]');
    await waitText(coordinator, '.derogation-form .field-error', '10 caractères');
    await coordinator.type('.derogation-form textarea', 'Avis de la CME rendu en séance commune, PV en cours de signature.');
    await coordinator.click('.derogation-form button[type="submit"]');
    await waitText(coordinator, '.seance-live', 'Dérogation accordée');
    await waitText(coordinator, '.derogation-granted', 'Dérogation accordée par Dr Claire Martin');

    // The secretary records the act: it passes, marked with the dérogation.
    await secretary.evaluate((id) => (location.hash = `#/seances/${id}`), seanceId);
    await secretary.waitForSelector('.agenda-acts-form');
    await waitText(secretary, '.batch-result', 'dérogation accordée');
    await secretary.select('.agenda-acts-table select', 'favorable');
    await secretary.click('#batch-submit');
    await secretary.waitForSelector('.act-card[data-act-kind="approbation"]');
    expect(await secretary.$eval('.act-card[data-act-kind="approbation"]', (el) => (el as HTMLElement).innerText)).toContain('dérogation');
    const audit = ok(await server.api('GET', `/api/projects/${pmId}/audit`, { cookie: claireCookie }), 200);
    expect(
      audit.some(
        (e: { action: string; details: { justification?: string } }) => e.action === 'override.record' && e.details.justification?.startsWith('Avis de la CME'),
      ),
    ).toBe(true);
  }, 120_000);
});
