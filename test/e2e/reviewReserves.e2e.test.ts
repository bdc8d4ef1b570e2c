import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'puppeteer-core';
import { addThread, anchorInText } from '../../schemas/comments';
import { addDays, parisDate } from '../../server/governance/parisTime';
import { editorDist } from '../../server/http/app';
import { clickWhenReady, launchChromium } from '../helpers/browser';
import { openAs, waitText } from '../helpers/browserSession';
import { appendParagraph } from '../helpers/richText';
import { firstText } from '../helpers/suggestionText';
import { startTestServer, type TestServer } from '../helpers/testServer';

/**
 * Issue 21 in Chromium: the CME's secretary links a réserve of its avis to a comment thread from
 * the séance page; the coordinator then sees the badge on that thread in the editor's comments
 * panel, and the réserve with the passage it concerns on the project's approval calendar.
 */
let server: TestServer;
let browser: Browser;
let projectId: string;
let seanceId: string;
const seanceDate = addDays(parisDate(new Date()), -7);
const frDate = seanceDate.split('-').reverse().join('/');
const people = {
  claire: { name: 'Dr Claire Martin', email: 'claire@reserves-e2e.fr', password: 'password-of-Claire' },
  sophie: { name: 'Sophie Secrétaire', email: 'sophie@reserves-e2e.fr', password: 'password-of-Sophie' },
};

const ok = (res: { status: number; body: any }, status: number) => {
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
};

beforeAll(async () => {
  if (!fs.existsSync(path.join(editorDist, 'index.html'))) throw new Error('editor/dist is missing: npm test builds it');
  server = await startTestServer();
  const ids: Record<string, string> = {};
  for (const [key, person] of Object.entries(people)) {
    ids[key] = ok(
      await server.api('POST', '/api/users', { cookie: server.adminCookie, body: { email: person.email, name: person.name, password: person.password } }),
      201,
    ).id;
  }
  const orgs = server.deps.store.organisations;
  const ch = orgs.create({ name: 'Centre hospitalier de Réserveville', kind: 'etablissement' });
  orgs.grantRole(ch, ids.claire!, 'member');
  const cme = orgs.createInstance(ch, 'CME', 'Commission médicale d’établissement');
  ok(await server.api('PUT', `/api/instances/${cme}/secretaries/${ids.sophie}`, { cookie: server.adminCookie }), 204);
  const claire = await server.login(people.claire.email, people.claire.password);
  projectId = ok(
    await server.api('POST', '/api/projects', { cookie: claire, body: { kind: 'PM', title: 'Projet médical réservé', organisationId: ch } }),
    201,
  ).id;
  // The secretary reads the project, to see the comments she links.
  ok(await server.api('PUT', `/api/projects/${projectId}/members/${ids.sophie}`, { cookie: claire, body: { role: 'reader' } }), 204);
  server.deps.registry.get(projectId).change((doc) => {
    appendParagraph(doc, 'diagnostic', 'Le territoire compte trois hôpitaux.');
    addThread(doc, {
      id: 'c-hopitaux',
      authorId: ids.claire!,
      body: 'Lesquels ? Préciser les établissements.',
      mentions: [],
      sectionId: 'diagnostic',
      anchor: anchorInText(firstText(doc, 'diagnostic'), 21, 35),
    });
  });
  const versionId = ok(
    await server.api('POST', `/api/projects/${projectId}/versions`, { cookie: claire, body: { label: 'Version soumise à la CME' } }),
    201,
  ).id;
  const sophie = await server.login(people.sophie.email, people.sophie.password);
  seanceId = ok(
    await server.api('POST', '/api/seances', {
      cookie: sophie,
      body: { instanceId: cme, date: seanceDate, place: 'Salle du conseil', agenda: [{ projectId, versionId, act: 'avis' }] },
    }),
    201,
  ).id;
  ok(
    await server.api('POST', `/api/seances/${seanceId}/acts`, {
      cookie: sophie,
      body: { projectId, versionId, kind: 'avis', outcome: 'favorable_reserves', reserves: 'Nommer les établissements du territoire.\nChiffrer les lits.' },
    }),
    201,
  );
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function go(page: Page, hash: string): Promise<void> {
  await page.evaluate((h) => {
    location.hash = h;
  }, hash);
}

describe('réserves linked to comments, in the browser', () => {
  it('the secretary links a réserve to a thread; the coordinator sees the badge in the editor and the réserve on the calendar', async () => {
    const sophie = await openAs(browser, server.url, people.sophie);
    // The day's page says an avis has réserves linked to nothing yet, one click from its séance.
    await go(sophie, `#/seances/jour/${seanceDate}`);
    await waitText(sophie, '.reserve-link-hint', 'Relier aux commentaires les réserves de l’avis');
    await clickWhenReady(sophie, '.reserve-link-hint');
    await sophie.waitForFunction((id) => location.hash === `#/seances/${id}`, { polling: 100 }, seanceId);
    await clickWhenReady(sophie, '.reserve-links summary');
    // One réserve per line of the PV, each with the project's threads to tick.
    await sophie.waitForSelector('.reserve-links-form input[data-kind="comment"][value="c-hopitaux"]');
    const texts = await sophie.$$eval('.reserve-link-item textarea', (els) => els.map((el) => (el as HTMLTextAreaElement).value));
    expect(texts).toEqual(['Nommer les établissements du territoire.', 'Chiffrer les lits.']);
    await sophie.click('.reserve-link-item:first-child input[data-kind="comment"][value="c-hopitaux"]');
    await sophie.click('.reserve-links-form button[type="submit"]');
    await waitText(sophie, '.act-card', '2 réserves reliées à 1 commentaire');
    const act = ok(await server.api('GET', `/api/projects/${projectId}/acts`, { cookie: server.adminCookie }), 200)[0];
    expect(act.reserveItems).toEqual([
      { text: 'Nommer les établissements du territoire.', commentIds: ['c-hopitaux'], sectionIds: [] },
      { text: 'Chiffrer les lits.', commentIds: [], sectionIds: [] },
    ]);

    const claire = await openAs(browser, server.url, people.claire);
    await go(claire, `#/projets/${projectId}/sections/diagnostic`);
    await claire.waitForSelector('.review-thread[data-thread-id="c-hopitaux"] .review-reserve-badge');
    expect(await claire.$eval('.review-thread[data-thread-id="c-hopitaux"] .review-reserve-badge', (el) => el.textContent)).toBe(
      `Réserve de la CME du ${frDate} : Nommer les établissements du territoire.`,
    );

    await go(claire, `#/projets/${projectId}/calendrier`);
    await waitText(claire, '.reserves-section', `Réserve de la CME du ${frDate} (version 1) : Nommer les établissements du territoire.`);
    const concern = await claire.$eval('.reserves-section .reserve-concerns a', (el) => ({ text: el.textContent, href: el.getAttribute('href') }));
    expect(concern.href).toBe(`#/projets/${projectId}/sections/diagnostic`);
    expect(await claire.$eval('.reserves-section .reserve-concerns li', (el) => el.textContent)).toContain('commentaire sur « trois hôpitaux »');
    await sophie.browserContext().close();
    await claire.browserContext().close();
  }, 90_000);
});
