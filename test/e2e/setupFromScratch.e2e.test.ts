import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'puppeteer-core';
import { fillSampleContent } from '../../fixtures/sampleDocument';
import { editorDist } from '../../server/http/app';
import { launchChromium } from '../helpers/browser';
import { connectClient, synced } from '../helpers/collabClient';
import { adminEmail, adminPassword, startTestServer, tempDir, type TestServer } from '../helpers/testServer';

/**
 * Issue 18, done when #2: from an empty database without demo data, the set-up through the
 * screens only, in Chromium. The administrator is led through the set-up (GHT and two
 * établissements, ARS, instances from the law, invitations one by one and from a CSV file);
 * the PCME and the secretary open their accounts from their links; the PCME creates and writes
 * the PM, adds the secretary to it and freezes it; the secretary plans and convenes the CME and
 * the Directoire and records their acts; the PCME builds the adoption record.
 */
let server: TestServer;
let browser: Browser;
const files = tempDir('pmp-e2e-setup-');
const poll = { polling: 100, timeout: 40_000 } as const;
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  if (!fs.existsSync(path.join(editorDist, 'index.html'))) throw new Error('editor/dist is missing: npm test builds it');
  server = await startTestServer({ demo: false });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  fs.rmSync(files, { recursive: true, force: true });
});

async function newPage(): Promise<Page> {
  const page = await (await browser.createBrowserContext()).newPage();
  page.setDefaultTimeout(40_000);
  return page;
}

const textOf = (page: Page, selector: string) => page.$eval(selector, (el) => el.textContent ?? '');
const waitText = (page: Page, selector: string, needle: string) =>
  page.waitForFunction((s, n) => [...document.querySelectorAll(s)].some((el) => el.textContent?.includes(n)), poll, selector, needle);
const organisationId = async (name: string): Promise<string> =>
  ((await server.api('GET', '/api/organisations', { cookie: server.adminCookie })).body as { id: string; name: string }[]).find((o) => o.name === name)!.id;
const stepDone = (page: Page, step: string) => page.waitForSelector(`.setup-stepper [data-step="${step}"].setup-done`, poll);

/** "Nouvelle organisation" on the current set-up step; waits for the step to show it. */
async function createOrganisation(page: Page, input: { kind?: string; name: string; parent?: string; type?: string; support?: boolean }): Promise<void> {
  await page.waitForSelector('#organisation-form #org-name');
  if (input.kind) await page.select('#org-kind', input.kind);
  await page.type('#org-name', input.name);
  if (input.parent) await page.select('#org-parent', input.parent);
  if (input.type) await page.select('#org-type', input.type);
  if (input.support) await page.click('#org-support');
  await page.click('#org-submit');
  await page.waitForFunction((n) => (document.querySelector('.setup-panel')?.textContent ?? '').includes(n), poll, input.name);
}

/** Invites one person from the people step; the link shown once (no SMTP here). */
async function invite(page: Page, person: { email: string; name: string; function: string; role: string }): Promise<string> {
  await page.type('#invite-email', person.email);
  await page.type('#invite-name', person.name);
  await page.type('#invite-function', person.function);
  await page.select('#invite-role', person.role);
  await page.click('#invite-submit');
  await waitText(page, '#invite-status', person.name);
  return textOf(page, '#invite-status .invitation-link');
}

/** Opens the account from its link, as the person would from the e-mail; their signed-in page. */
async function acceptInvitation(link: string, password: string): Promise<Page> {
  const page = await newPage();
  await page.goto(`${server.url}/${link.slice(link.indexOf('#'))}`);
  await page.waitForSelector('#link-password');
  await page.type('#link-password', password);
  await page.type('#link-password-again', password);
  await page.click('#link-submit');
  await page.waitForFunction(() => document.querySelector('h1')?.textContent === 'Mes projets', poll);
  return page;
}

async function go(page: Page, hash: string): Promise<void> {
  await page.evaluate((h) => {
    location.hash = h;
  }, hash);
}

/** The secretary plans a séance of `instanceId` with the PM on its agenda, convenes it, records the act. */
async function recordAct(
  page: Page,
  input: {
    instanceId: string;
    date: string;
    sentOn: string;
    projectId: string;
    versionId: string;
    act: 'avis' | 'approbation';
    votes?: [number, number, number];
  },
): Promise<void> {
  await go(page, '#/gouvernance');
  await page.waitForSelector('#plan-seance');
  await page.click('#plan-seance');
  await page.waitForSelector('#seance-instance');
  await page.select('#seance-instance', input.instanceId);
  await page.$eval('#seance-date', (el, d) => ((el as HTMLInputElement).value = d), input.date);
  await page.$eval('#seance-start', (el) => ((el as HTMLInputElement).value = '14:00'));
  await page.type('#seance-place', 'Salle du conseil');
  await page.click('#agenda-add-row');
  await page.waitForSelector('#row-project-1');
  await page.select('#row-project-1', input.projectId);
  await page.waitForFunction(
    (v) => [...document.querySelectorAll<HTMLOptionElement>('#row-version-1 option')].some((o) => o.value === v),
    poll,
    input.versionId,
  );
  await page.select('#row-version-1', input.versionId);
  await page.select('#row-act-1', input.act);
  await page.click('#seance-submit');
  await waitText(page, 'h1', 'Séance du');
  await page.$eval('#convocation-date', (el, d) => ((el as HTMLInputElement).value = d), input.sentOn);
  await page.click('#convocation-sent');
  await waitText(page, '.seance-live', 'Convocation marquée comme envoyée');
  await page.waitForSelector('.act-form');
  expect(await page.$eval('#act-kind', (el) => (el as HTMLSelectElement).value)).toBe(input.act);
  await page.click('#act-outcome-favorable');
  if (input.votes) {
    await page.type('#act-votes-pour', String(input.votes[0]));
    await page.type('#act-votes-contre', String(input.votes[1]));
    await page.type('#act-votes-abstention', String(input.votes[2]));
  }
  await page.click('#act-submit');
  await page.waitForSelector(`.act-card[data-act-kind="${input.act}"]`);
}

describe('a GHT sets itself up from the screens, up to its first adopted PM (Chromium)', () => {
  it('set-up wizard, invitations, PM written and frozen, séances and acts, adoption record', async () => {
    // The bootstrap administrator of an empty install is led into the set-up.
    const admin = await newPage();
    await admin.goto(`${server.url}/#/connexion`);
    await admin.waitForSelector('#login-email');
    await admin.type('#login-email', adminEmail);
    await admin.type('#login-password', adminPassword);
    await admin.click('#login-submit');
    await admin.waitForFunction(() => location.hash === '#/mise-en-place' && document.querySelector('h1')?.textContent === 'Mise en place', poll);
    await admin.waitForSelector('.setup-stepper [data-step="organisations"] a[aria-current="step"]');

    // 1. The GHT and two établissements, the first its support.
    await createOrganisation(admin, { kind: 'GHT', name: 'GHT Touraine-Val de Loire' });
    const ght = await organisationId('GHT Touraine-Val de Loire');
    await createOrganisation(admin, { kind: 'etablissement', name: 'CH du Chinonais', parent: ght, type: 'EPS', support: true });
    await createOrganisation(admin, { kind: 'etablissement', name: 'CH de Loches', parent: ght, type: 'EPS' });
    await stepDone(admin, 'organisations');

    // Left half-way, the set-up resumes where it stands: the ARS.
    await admin.click('#setup-leave');
    await admin.waitForSelector('#setup-resume');
    await admin.click('#setup-resume');
    await admin.waitForSelector('.setup-stepper [data-step="ars"] a[aria-current="step"]');
    await createOrganisation(admin, { name: 'ARS Centre-Val de Loire' });
    const ars = await organisationId('ARS Centre-Val de Loire');
    await admin.waitForSelector(`#setup-ars-${ght}`);
    await admin.select(`#setup-ars-${ght}`, ars);
    await stepDone(admin, 'ars');

    // 3. The instances the law gives each, as proposed.
    await admin.click('#setup-next');
    await admin.waitForSelector('.setup-organisation .regulatory-form input[type="checkbox"]');
    const sections = await admin.$$eval('.setup-organisation', (all) => all.map((s) => s.getAttribute('data-organisation-id')!));
    expect(sections).toHaveLength(3);
    for (const id of sections) {
      const form = `.setup-organisation[data-organisation-id="${id}"] .regulatory-form`;
      await admin.waitForSelector(`${form} input[type="checkbox"]`);
      await admin.click(`${form} .regulatory-submit`);
      await waitText(admin, `${form} [role="status"]`, 'instance(s) créée(s)');
    }
    await stepDone(admin, 'instances');

    // 4. People: the PCME and the secretary one by one, the director from a CSV file.
    await admin.click('#setup-next');
    const chinon = await organisationId('CH du Chinonais');
    await admin.waitForSelector('#setup-people-organisation');
    await admin.select('#setup-people-organisation', chinon);
    const pcmeLink = await invite(admin, { email: 'pcme@ch-chinonais.fr', name: 'Dr Anne Rivière', function: 'PCME', role: 'member' });
    const secretaryLink = await invite(admin, {
      email: 'secretariat@ch-chinonais.fr',
      name: 'Sophie Bernard',
      function: 'secrétaire de direction',
      role: 'secretary',
    });
    expect(secretaryLink).not.toBe(pcmeLink);
    const csv = path.join(files, 'direction.csv');
    fs.writeFileSync(csv, 'email;nom;fonction;rôle\ndg@ch-chinonais.fr;Marc Lefèvre;Directeur;membre\npas-une-adresse;Sans Adresse;;membre\n');
    await admin.click('.setup-panel details summary');
    const upload = (await admin.$('input#import-file'))!;
    await upload.uploadFile(csv);
    await admin.click('#import-preview');
    await admin.waitForSelector('.import-table tr[data-line="3"][data-status="refused"]');
    expect(await textOf(admin, '.import-table tr[data-line="3"]')).toContain('Adresse e-mail invalide');
    expect(server.deps.store.users.findByEmail('dg@ch-chinonais.fr')).toBeUndefined();
    await admin.click('#import-apply');
    await waitText(admin, '#import-status', '1 personne(s) invitée(s), 1 ligne(s) refusée(s)');
    const directorLink = await textOf(admin, '.import-table tr[data-line="2"] .invitation-link');

    const password = 'Tulipe-Orageuse-2031!';
    const pcme = await acceptInvitation(pcmeLink, password);
    const secretary = await acceptInvitation(secretaryLink, password);
    await (await acceptInvitation(directorLink, password)).close();
    // 5. The secretaries: Chinon's instances are kept by its secretary; the others are named as missing.
    await admin.click('#setup-next');
    await stepDone(admin, 'people');
    await admin.waitForSelector('.setup-todo-list');
    const todo = await textOf(admin, '.setup-todo-list');
    expect(todo).toContain('CH de Loches');
    expect(todo).not.toContain('CH du Chinonais');

    // The PCME creates the PM of her établissement, writes, and adds the secretary as a reader.
    await pcme.click('#new-project-toggle');
    await pcme.waitForSelector('#new-project-organisation option[value]');
    await pcme.select('#new-project-kind', 'PM');
    await pcme.waitForFunction(
      (id) => [...document.querySelectorAll<HTMLOptionElement>('#new-project-organisation option')].some((o) => o.value === id),
      poll,
      chinon,
    );
    await pcme.select('#new-project-organisation', chinon);
    await pcme.type('#new-project-title', 'Projet médical 2027–2031 du CH du Chinonais');
    await pcme.click('#new-project-submit');
    await pcme.waitForFunction(() => /^#\/projets\/[^/]+/.test(location.hash), poll);
    const projectId = decodeURIComponent((await pcme.evaluate(() => location.hash)).split('/')[2]!);
    await pcme.waitForSelector('.ProseMirror[contenteditable="true"]');
    await pcme.click('.ProseMirror');
    await pcme.keyboard.type('Le CH du Chinonais renforce sa filière gériatrique avec le CH de Loches.');
    const cookie = (await pcme.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    // The co-authors write the other chapters meanwhile (a real y-websocket client with her rights).
    const token = (await server.api('POST', `/api/projects/${projectId}/collab-token`, { cookie })).body.token as string;
    const coauthor = connectClient(server.url, projectId, { token }, { reconnect: false });
    await synced(coauthor);
    fillSampleContent(coauthor.doc, 5);
    await pcme.waitForFunction(
      async (id) => (await (await fetch(`/api/projects/${id}/completeness`)).json()).complete === true,
      { polling: 250, timeout: 40_000 },
      projectId,
    );
    expect(coauthor.closes).toEqual([]);
    coauthor.destroy();
    await pcme.click('.members-panel summary');
    await pcme.type('.members-panel input[type="search"]', 'Bernard');
    await pcme.waitForFunction(
      () => [...document.querySelectorAll('.members-found .member-found button')].some((b) => b.textContent === 'comme lecteur'),
      poll,
    );
    await pcme.evaluate(() =>
      [...document.querySelectorAll<HTMLButtonElement>('.members-found .member-found button')].find((b) => b.textContent === 'comme lecteur')!.click(),
    );
    await waitText(pcme, '.members-panel .member', 'Sophie Bernard');

    // She freezes the text submitted to the instances.
    await go(pcme, `#/projets/${projectId}/calendrier`);
    await pcme.waitForSelector('#freeze-label');
    await pcme.type('#freeze-label', 'Texte soumis aux instances');
    await pcme.click('#freeze-submit');
    await waitText(pcme, '.versions-live', 'Version 1 figée');
    const versionId = ((await server.api('GET', `/api/projects/${projectId}/versions`, { cookie })).body as { id: string }[])[0]!.id;

    // The secretary: the CME's avis, then the Directoire's approbation.
    const instances = (await server.api('GET', `/api/instances?organisationId=${chinon}`, { cookie: server.adminCookie })).body as {
      id: string;
      kind: string;
    }[];
    const instance = (kind: string) => instances.find((i) => i.kind === kind)!.id;
    await recordAct(secretary, { instanceId: instance('CME'), date: daysAgo(12), sentOn: daysAgo(20), projectId, versionId, act: 'avis', votes: [21, 0, 2] });
    await recordAct(secretary, { instanceId: instance('DIRECTOIRE'), date: daysAgo(5), sentOn: daysAgo(10), projectId, versionId, act: 'approbation' });

    // The PCME builds the adoption record, kept by the établissement (a PM goes to no ARS).
    await pcme.reload();
    await pcme.waitForSelector('.versions-table tbody tr:first-child .version-actions a');
    await pcme.click('.versions-table tbody tr:first-child .version-actions a');
    await pcme.waitForSelector('#submission-create');
    await pcme.click('#submission-create');
    await waitText(pcme, '.submission-status', 'Dossier d’adoption constitué');
    const records = (await server.api('GET', `/api/projects/${projectId}/submissions`, { cookie })).body as { purpose: string; ars: unknown }[];
    expect(records).toEqual([expect.objectContaining({ purpose: 'adoption', ars: null })]);

    // Every step above is in the audit log, with who did it.
    const actions = ((await server.api('GET', '/api/audit', { cookie: server.adminCookie })).body.entries as { action: string; actor: { name: string } }[]).map(
      (e) => `${e.action} ${e.actor.name}`,
    );
    expect(actions).toEqual(
      expect.arrayContaining([
        'organisation.create Administrateur',
        'instance.create Administrateur',
        'user.import Administrateur',
        'user.invitation.accept Marc Lefèvre',
        'version.freeze Dr Anne Rivière',
        'act.record Sophie Bernard',
      ]),
    );
  }, 240_000);
});
