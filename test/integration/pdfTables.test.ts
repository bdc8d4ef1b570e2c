import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createIndicatorTable, etablissementsOf, fichesActionsMap, indicatorRows } from '../../schemas/structured';
import { createProject, download } from '../helpers/exportFixtures';
import { startTestServer, type TestServer } from '../helpers/testServer';

/**
 * Issue 20, finding 9: in the PDF, a table's header row repeats on each page and is never left
 * alone at the bottom of a page. Captioned tables (a fiche-action's étapes and indicators, a
 * filière's matrix) were the ones Chromium split after their header. Fiches-actions whose
 * objectif grows by a sentence each move the tables' starts down the pages, so that some start
 * near a page's end; `pdftotext -layout` then says, page by page, whether the last line of the
 * text is a caption or a header row (an orphaned header).
 */
const run = promisify(execFile);
let server: TestServer;
let dir: string;
const sentence = 'Les équipes des trois sites partagent un protocole commun de prise en charge et un annuaire des avis spécialisés. ';
const headerLine = /(Indicateur\s+Méthode de construction|Étape\s+Échéance|^\s*Indicateurs de suivi\s*$|^\s*Étapes\s*$)/;
const footerLine = /Page \d+ \/ \d+/;

function addFiches(doc: Y.Doc, count: number): void {
  const etablissements = etablissementsOf(doc).map((e) => e.id);
  for (let i = 0; i < count; i++) {
    const id = `fiche-t${i}`;
    const fiche = new Y.Map<unknown>();
    fiche.set('sectionId', 'filieres');
    fiche.set('position', i + 1);
    fiche.set('title', `Fiche de test n° ${i + 1}`);
    fiche.set('objectif', sentence.repeat((i % 9) + 1).trim());
    fiche.set('etablissements', Y.Array.from(etablissements));
    const etapes = new Y.Array<Y.Map<unknown>>();
    const etape = new Y.Map<unknown>();
    etape.set('id', `${id}-e`);
    etape.set('label', 'Protocole commun signé par les trois établissements');
    etape.set('echeance', '2027-12-31');
    etapes.push([etape]);
    fiche.set('etapes', etapes);
    fichesActionsMap(doc).set(id, fiche);
    createIndicatorTable(doc, id);
    const row = new Y.Map<unknown>();
    for (const [k, v] of Object.entries({
      id: `${id}-i`,
      indicateur: `Délai médian d’accès, fiche ${i + 1}`,
      methode: `Médiane du délai entre la demande et la prise en charge. ${sentence.repeat(2)}`,
      valeurOrigine: '30 jours',
      dateOrigine: '2025-12-31',
      valeurCible: '15 jours',
      dateCible: '2029-12-31',
    }))
      row.set(k, v);
    indicatorRows(doc, id)!.push([row]);
  }
}

/** Pages whose text ends with a table's caption or header row. */
async function pagesEndingWithHeader(pdf: Buffer): Promise<{ orphaned: number[]; repeated: number; pages: number }> {
  const file = path.join(dir, 'tables.pdf');
  fs.writeFileSync(file, pdf);
  const { stdout } = await run('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { maxBuffer: 64 * 1024 * 1024 });
  const pages = stdout.split('\f').map((page) => page.split('\n').filter((line) => line.trim() !== '' && !footerLine.test(line)));
  const orphaned = pages.flatMap((lines, i) => (lines.length > 0 && headerLine.test(lines[lines.length - 1]!) ? [i + 1] : []));
  // A table continued from the previous page shows its header row again (after the running head).
  const repeated = pages.filter((lines) => lines.slice(0, 3).some((line) => /Modalité\s+etab-|Indicateur\s+Méthode de construction/.test(line))).length;
  return { orphaned, repeated, pages: pages.length };
}

beforeAll(async () => {
  server = await startTestServer();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pmp-pdf-tables-'));
});
afterAll(async () => {
  await server?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('PDF tables across page breaks', () => {
  it('never leaves a caption or header row alone at the bottom of a page; a split table repeats its header', async () => {
    const projectId = await createProject(server, server.adminCookie, { title: 'Tableaux en fin de page' });
    server.deps.registry.get(projectId).change((doc) => addFiches(doc, 36));
    const res = await download(server, `/api/projects/${projectId}/export.pdf`, server.adminCookie);
    expect(res.status).toBe(200);
    const { orphaned, repeated, pages } = await pagesEndingWithHeader(res.data);
    expect(pages).toBeGreaterThan(15);
    expect(orphaned, `pages ending with a header row alone: ${orphaned.join(', ')}`).toEqual([]);
    expect(repeated).toBeGreaterThan(0);
  }, 120_000);
});
