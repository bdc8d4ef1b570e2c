import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'puppeteer-core';
import { editorDist } from '../../server/http/app';
import { demoPassword } from '../../server/seed/demo';
import { pmpSubmittedForApproval } from '../helpers/adoption';
import { launchChromium } from '../helpers/browser';
import { openAs, waitText } from '../helpers/browserSession';
import { appendParagraph } from '../helpers/richText';
import { adminEmail, adminPassword, startTestServer, type TestServer } from '../helpers/testServer';
import { demoPmpTitle } from '../../server/seed/demoContent';

/**
 * Issue 20, finding 4, in Chromium: rights that match roles. The rédactrice asks "à valider" and
 * cannot choose "validé"; the ARS reader is never offered "Créer un projet"; after transmission
 * the editor says so, and the stale acts are one block with the action that opens an avenant.
 */
let server: TestServer;
let browser: Browser;
const sophie = { email: 'sophie.bernard@demo.ght.fr', password: demoPassword };
const claire = { email: 'claire.martin@demo.ght.fr', password: demoPassword };
const ars = { email: 'lecteur@demo.ars.fr', password: demoPassword };

const ok = (res: { status: number; body: any }, status: number) => {
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
};

beforeAll(async () => {
  if (!fs.existsSync(path.join(editorDist, 'index.html'))) throw new Error('editor/dist is missing: npm test builds it');
  server = await startTestServer({ demo: true });
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('rights that match roles (issue 20, finding 4)', () => {
  it('the rédactrice asks for validation; "validé" is not hers to choose', async () => {
    const cookie = await server.login(sophie.email, sophie.password);
    const pmpId = ok(await server.api('GET', '/api/projects', { cookie }), 200).find((p: { title: string }) => p.title === demoPmpTitle).id;
    const page = await openAs(browser, server.url, sophie);
    await page.evaluate((id) => (location.hash = `#/projets/${id}/sections/objectifs-medicaux`), pmpId);
    await page.waitForSelector('.section-meta select');
    const options = await page.$$eval('.section-meta select option', (os) => os.map((o) => [o.textContent, (o as HTMLOptionElement).disabled]));
    expect(options).toContainEqual(['validé', true]);
    expect(options).toContainEqual(['à valider', false]);
    await waitText(page, '.section-meta', 'Un coordonnateur valide la section');
    await page.select('.section-meta select', 'a_relire');
    const coordinator = await server.login(claire.email, claire.password);
    const statusOf = async () =>
      ok(await server.api('GET', `/api/projects/${pmpId}`, { cookie: coordinator }), 200).sections.find((s: { id: string }) => s.id === 'objectifs-medicaux')
        .status;
    for (let i = 0; i < 50 && (await statusOf()) !== 'a_relire'; i++) await new Promise((r) => setTimeout(r, 200));
    expect(await statusOf()).toBe('a_relire');
  }, 60_000);

  it('the ARS reader is never offered "Créer un projet"; a hospital member is', async () => {
    const reader = await openAs(browser, server.url, ars);
    await reader.waitForSelector('#new-project-toggle[data-known]');
    expect(await reader.$eval('#new-project-toggle', (b) => (b as HTMLElement).hidden)).toBe(true);
    const member = await openAs(browser, server.url, claire);
    await member.waitForSelector('#new-project-toggle[data-known]');
    expect(await member.$eval('#new-project-toggle', (b) => (b as HTMLElement).hidden)).toBe(false);
  }, 60_000);

  it('after transmission the editor warns; stale acts are one block with "Ouvrir un avenant"', async () => {
    // A small GHT's PMP taken through its whole path, the signed text received by the ARS.
    const { projectId: pmp, submission: signed } = await pmpSubmittedForApproval(server, {
      ght: 'GHT du Hurepoix',
      members: ['Centre hospitalier d’Arpajon-Orge', 'Centre hospitalier de Dourdan'],
      title: 'Projet médical partagé — Hurepoix',
      versionLabel: 'Version 1 — soumise aux instances',
    });
    // Finding 8: the package names each act's établissement, and never says "Version 1 — Version 1".
    const files = signed.package.files as { name: string; description: string }[];
    const directoires = files.filter((f) => f.name.startsWith('acts/') && f.name.includes('-directoire-')).map((f) => f.name);
    expect(directoires).toHaveLength(2);
    expect(directoires).toEqual(expect.arrayContaining([expect.stringContaining('arpajon-orge'), expect.stringContaining('dourdan')]));
    expect(files.find((f) => f.name === 'document.pdf')!.description).toContain('Version 1 — soumise aux instances');
    expect(JSON.stringify(files)).not.toMatch(/Version 1 — Version 1/);
    const listed = ok(await server.api('GET', `/api/submissions/${signed.id}`, { cookie: server.adminCookie }), 200);
    expect(listed.acts.filter((a: { instance: string }) => /^directoire/i.test(a.instance)).map((a: { instance: string }) => a.instance)).toEqual(
      expect.arrayContaining([expect.stringContaining('Arpajon'), expect.stringContaining('Dourdan')]),
    );
    const arsCookie = await server.login(ars.email, ars.password);
    ok(await server.api('POST', `/api/submissions/${signed.id}/receipt`, { cookie: arsCookie, body: {} }), 201);
    // The text changes after adoption: every avis and délibération of the path is stale.
    server.deps.registry.get(pmp).change((doc) => appendParagraph(doc, 'suivi-evaluation', 'Ajout après la transmission.'));
    const timeline = ok(await server.api('GET', `/api/projects/${pmp}/timeline`, { cookie: server.adminCookie }), 200);
    expect(timeline.stale.length).toBeGreaterThan(5);

    const coordinator = await openAs(browser, server.url, { email: adminEmail, password: adminPassword });
    await coordinator.evaluate((id) => (location.hash = `#/projets/${id}`), pmp);
    await coordinator.waitForSelector('.transmitted-banner');
    const banner = await coordinator.$eval('.transmitted-banner', (el) => (el as HTMLElement).innerText);
    expect(banner).toContain('Version 1 transmis à ARS Île-de-France');
    expect(banner).toContain('toute modification passe par un avenant');
    expect(await coordinator.$('#banner-avenant')).not.toBeNull();

    await coordinator.click('#project-calendar-link');
    await coordinator.waitForSelector('.stale-group');
    expect(await coordinator.$$eval('.stale-section .alert', (els) => els.length)).toBe(1);
    expect(await coordinator.$$eval('.stale-act', (els) => els.length)).toBe(timeline.stale.length);
    await coordinator.click('#stale-avenant');
    await waitText(coordinator, '.timeline-live', 'Avenant ouvert');
    expect(ok(await server.api('GET', `/api/projects/${pmp}/version-lines`, { cookie: server.adminCookie }), 200).currentLine).toBe(2);
    // The new line has no transmission yet: the editor's warning is gone.
    await coordinator.evaluate((id) => (location.hash = `#/projets/${id}`), pmp);
    await coordinator.waitForSelector('.transmitted-banner-slot');
    await new Promise((r) => setTimeout(r, 1000));
    expect(await coordinator.$('.transmitted-banner')).toBeNull();
  }, 240_000);
});
