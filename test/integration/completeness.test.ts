import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { modalities } from '../../schemas/modalities';
import { etablissementsOf } from '../../schemas/structured';
import { addEtape, addFicheAction, addFiliere, addIndicator, addObjectif, findIndicator, setMatrixCell } from '../../schemas/structuredEdits';
import { getTemplate, mandatoryChapterIds } from '../../templates';
import { connectClient, synced, waitFor, type Client } from '../helpers/collabClient';
import { appendParagraph } from '../helpers/richText';
import { startTestServer, type TestServer } from '../helpers/testServer';

let server: TestServer;
let pcmg: { id: string; cookie: string };
let author: { id: string; cookie: string };
let ghtId: string;
const clients: Client[] = [];

function open(projectId: string, cookie: string): Client {
  const c = connectClient(server.url, projectId, { cookie });
  clients.push(c);
  return c;
}

const completeness = async (projectId: string) => (await server.api('GET', `/api/projects/${projectId}/completeness`, { cookie: pcmg.cookie })).body;

beforeAll(async () => {
  server = await startTestServer();
  pcmg = await server.user('Pcmg');
  author = await server.user('Auteur');
  const orgs = server.deps.store.organisations;
  ghtId = orgs.create({ name: 'GHT Test', kind: 'GHT' });
  orgs.create({ name: 'CH Support', kind: 'etablissement', parentId: ghtId, isSupport: true });
  orgs.create({ name: 'CH Voisin', kind: 'etablissement', parentId: ghtId });
  orgs.grantRole(ghtId, pcmg.id, 'member');
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await server.close();
});

describe('completeness check', () => {
  it('lists every mandatory part of a new project as missing', async () => {
    for (const kind of ['PM', 'PMP', 'PSP', 'PSIRMT', 'PMSP'] as const) {
      const id = (await server.api('POST', '/api/projects', { cookie: pcmg.cookie, body: { kind, title: `Projet ${kind}`, organisationId: ghtId } })).body.id;
      const report = await completeness(id);
      // The PSP has no regulatory list of parts (R6132-12): nothing is mandatory unless its organisation says so.
      expect(report.complete).toBe(kind === 'PSP');
      const missing = report.items.filter((i: { problem: string }) => i.problem === 'missing').map((i: { sectionId: string }) => i.sectionId);
      expect(missing.sort()).toEqual(mandatoryChapterIds(getTemplate(kind)).sort());
      for (const item of report.items) expect(item.path.startsWith(`sections/${item.sectionId}`)).toBe(true);
    }
  });

  it('turns complete once real clients fill every part, and names what is half-filled on the way', async () => {
    const id = (await server.api('POST', '/api/projects', { cookie: pcmg.cookie, body: { kind: 'PMP', title: 'PMP 2026–2030', organisationId: ghtId } })).body
      .id;
    await server.api('PUT', `/api/projects/${id}/members/${author.id}`, { cookie: pcmg.cookie, body: { role: 'editor' } });
    const a = open(id, pcmg.cookie);
    const b = open(id, author.cookie);
    await Promise.all([synced(a), synced(b)]);
    const doc: Y.Doc = a.doc;
    const etablissements = etablissementsOf(doc);
    expect(etablissements.map((e) => e.name)).toEqual(['CH Support', 'CH Voisin']);

    for (const sectionId of mandatoryChapterIds(getTemplate('PMP'))) {
      if (sectionId !== 'filieres' && sectionId !== 'suivi-evaluation') appendParagraph(doc, sectionId, `Contenu de ${sectionId}.`);
    }
    appendParagraph(b.doc, 'filieres', 'Les filières prioritaires du GHT.');
    const filiere = addFiliere(b.doc, 'filieres', 'Urgences');
    for (const m of modalities) setMatrixCell(b.doc, filiere, m.id, etablissements[0]!.id, `Organisation ${m.letter} au support`);
    setMatrixCell(b.doc, filiere, modalities[0].id, etablissements[1]!.id, 'Astreinte partagée');
    const fiche = addFicheAction(b.doc, 'filieres', {
      title: 'Créer une équipe territoriale des urgences',
      filiereId: filiere,
      objectif: 'Réduire les délais',
    });
    addEtape(b.doc, fiche, 'Recrutement', '2027-06-30');
    const indicator = addIndicator(b.doc, fiche, { indicateur: 'Délai médian de prise en charge', methode: 'Extraction RPU' });
    appendParagraph(doc, 'suivi-evaluation', 'Le suivi est annuel.');
    addIndicator(doc, 'suivi-evaluation', {
      indicateur: 'Part des fiches engagées',
      methode: 'Revue annuelle',
      valeurOrigine: '0 %',
      dateOrigine: '2026-01-01',
      valeurCible: '80 %',
      dateCible: '2030-12-31',
    });
    const axe = addObjectif(doc, 'objectifs-medicaux', 'axe', 'Garantir l’accès aux soins urgents');

    await waitFor(() => b.doc.getMap('indicatorTables').size === a.doc.getMap('indicatorTables').size);
    let report = await waitForReport(id, (r) => r.items.every((i: { problem: string }) => i.problem !== 'missing'));
    const paths = report.items.map((i: { path: string }) => i.path);
    expect(paths).toContain(`sections/filieres/filieres/${filiere}/${etablissements[1]!.id}`);
    expect(paths).toContain(`sections/filieres/fichesActions/${fiche}/pilotes`);
    expect(paths).toContain(`sections/filieres/fichesActions/${fiche}/indicators/${indicator}`);
    expect(paths).toContain(`sections/objectifs-medicaux/objectifs/${axe}`);
    const voisin = report.items.find((i: { path: string }) => i.path.endsWith(etablissements[1]!.id));
    expect(voisin.message).toContain('CH Voisin');
    expect(voisin.message).toContain('b)');
    expect(voisin.message).not.toContain('a)');

    for (const m of modalities.slice(1)) setMatrixCell(b.doc, filiere, m.id, etablissements[1]!.id, `Déclinaison ${m.letter}`);
    const fiches = b.doc.getMap('fichesActions').get(fiche) as Y.Map<unknown>;
    fiches.set('piloteMedical', 'Dr Bernard');
    const row = findIndicator(b.doc, fiche, indicator)!;
    row.set('valeurOrigine', '95 min');
    row.set('dateOrigine', '2025-12-31');
    row.set('valeurCible', '60 min');
    row.set('dateCible', '2030-12-31');
    addObjectif(doc, 'objectifs-medicaux', 'strategique', 'Structurer la filière urgences', axe);
    report = await waitForReport(id, (r) => r.complete);
    expect(report.items).toEqual([]);
  });

  it('two clients editing one indicator table at once converge', async () => {
    const id = (await server.api('POST', '/api/projects', { cookie: pcmg.cookie, body: { kind: 'PM', title: 'PM' } })).body.id;
    await server.api('PUT', `/api/projects/${id}/members/${author.id}`, { cookie: pcmg.cookie, body: { role: 'editor' } });
    const a = open(id, pcmg.cookie);
    const b = open(id, author.cookie);
    await Promise.all([synced(a), synced(b)]);
    const row = addIndicator(a.doc, 'suivi-evaluation', { indicateur: 'Taux de réhospitalisation' });
    await waitFor(() => findIndicator(b.doc, 'suivi-evaluation', row) !== undefined);
    // Same row, different cells, at the same time; plus a row added on each side.
    findIndicator(a.doc, 'suivi-evaluation', row)!.set('methode', 'PMSI, séjours à 30 jours');
    findIndicator(b.doc, 'suivi-evaluation', row)!.set('valeurCible', '8 %');
    addIndicator(a.doc, 'suivi-evaluation', { indicateur: 'A' });
    addIndicator(b.doc, 'suivi-evaluation', { indicateur: 'B' });
    // Key order inside a Y.Map depends on arrival order: compare rows field by field.
    const rowsOf = (c: Client) =>
      JSON.stringify(
        (c.doc.getMap('indicatorTables').get('suivi-evaluation') as Y.Array<Y.Map<string>>)
          .toArray()
          .map((r) => Object.fromEntries([...r.entries()].sort(([x], [y]) => x.localeCompare(y)))),
      );
    await waitFor(() => rowsOf(a) === rowsOf(b) && JSON.parse(rowsOf(a)).length === 3);
    const merged = findIndicator(a.doc, 'suivi-evaluation', row)!;
    expect(merged.get('methode')).toBe('PMSI, séjours à 30 jours');
    expect(merged.get('valeurCible')).toBe('8 %');
  });
});

async function waitForReport(projectId: string, ok: (report: any) => boolean): Promise<any> {
  let last: unknown;
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    last = await completeness(projectId);
    if (ok(last)) return last;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`report never matched: ${JSON.stringify(last, null, 1)}`);
}
