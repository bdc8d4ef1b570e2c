import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fragmentName, readOutline } from '../../schemas/docLayout';
import type { SectionNode } from '../../schemas/project';
import { sectionPlainText } from '../../schemas/sectionText';
import { textOf } from '../../schemas/sharedText';
import { filieresMap, indicatorRowMaps, recordEntries } from '../../schemas/structured';
import { addFiliere, addIndicator, setMatrixCell } from '../../schemas/structuredEdits';
import { demoPmpContent } from '../../server/seed/demoContent';
import { connectClient } from '../helpers/collabClient';
import { png, scriptedSvg } from '../helpers/images';
import { createGht, createProject, download, writeSection } from '../helpers/exportFixtures';
import { asFile, convertWithLibreOffice, docxType, fixturesDir, odtType, patchCentralDirectory, withEntries } from '../helpers/importFixtures';
import { expectRefusedUnread, partialUpload } from '../helpers/partialUpload';
import { startTestServer, type TestServer } from '../helpers/testServer';

let server: TestServer;
let ght: string;
let coordinator: { id: string; cookie: string };
let editor: { id: string; cookie: string };
let reader: { id: string; cookie: string };
let stranger: { id: string; cookie: string };
let reviewer: { id: string; cookie: string };
/** The LibreOffice fixture: an HTML page with unrelated headings, nested lists, merged cells, an image, an indicator table. */
let libreOfficeDocx: Buffer;
/** The same, saved as ODT by LibreOffice. */
let libreOfficeOdt: Buffer;

const flatten = (nodes: SectionNode[]): SectionNode[] => nodes.flatMap((n) => [n, ...flatten(n.children)]);

async function upload(projectId: string, data: Buffer, options: { cookie?: string; type?: string; name?: string; origin?: string | null } = {}) {
  const headers: Record<string, string> = { cookie: options.cookie ?? coordinator.cookie, 'content-type': options.type ?? docxType };
  if (options.origin !== null) headers.origin = options.origin ?? server.url;
  const res = await fetch(`${server.url}/api/projects/${projectId}/imports?name=${encodeURIComponent(options.name ?? 'projet.docx')}`, {
    method: 'POST',
    headers,
    body: new Uint8Array(data),
  });
  return { status: res.status, body: (await res.json()) as any };
}

const apply = (projectId: string, importId: string, mapping: unknown[], cookie = coordinator.cookie) =>
  server.api('POST', `/api/projects/${projectId}/imports/${importId}/apply`, { cookie, body: { mapping } });

async function newProject(title: string): Promise<string> {
  const id = await createProject(server, coordinator.cookie, { title, organisationId: ght });
  server.deps.store.projects.setMember(id, editor.id, 'editor');
  server.deps.store.projects.setMember(id, reader.id, 'reader');
  server.deps.store.projects.setMember(id, reviewer.id, 'reviewer');
  return id;
}

const liveDoc = (projectId: string) => server.deps.registry.get(projectId).doc;

beforeAll(async () => {
  libreOfficeDocx = await convertWithLibreOffice(path.join(fixturesDir, 'libreoffice-source.html'), 'docx:MS Word 2007 XML');
  libreOfficeOdt = await convertWithLibreOffice(asFile('projet.docx', libreOfficeDocx), 'odt');
  server = await startTestServer();
  ({ ght } = createGht(server));
  coordinator = await server.user('Coordinatrice');
  editor = await server.user('Redacteur');
  reader = await server.user('Lectrice');
  reviewer = await server.user('Relecteur');
  stranger = await server.user('Etranger');
  for (const person of [coordinator, editor, reader]) server.deps.store.organisations.grantRole(ght, person.id, 'member');
}, 120_000);
afterAll(() => server.close());

describe('import of a DOCX written by LibreOffice from an HTML page', () => {
  let projectId: string;
  let preview: any;

  beforeAll(async () => {
    projectId = await newProject('PMP import LibreOffice');
    const res = await upload(projectId, libreOfficeDocx, { name: 'Projet médical 2021.docx' });
    expect(res.status).toBe(201);
    preview = res.body;
  });

  it('proposes a chapter for the headings that name one (accents, case, « Chapitre 2 – » ignored) and « À classer » for the others', () => {
    const line = (heading: string) => preview.mapping.find((m: any) => m.heading === heading);
    expect(line('Chapitre 2 – OBJECTIFS MEDICAUX')).toMatchObject({ action: 'section', sectionId: 'objectifs-medicaux' });
    expect(line('Chapitre 2 – OBJECTIFS MEDICAUX').suggestion.score).toBeGreaterThanOrEqual(0.9);
    expect(line('Suivi et évaluation du projet')).toMatchObject({ action: 'section', sectionId: 'suivi-evaluation' });
    expect(line('Le mot du président de CME')).toMatchObject({ action: 'unsorted', sectionId: null, suggestion: null });
    expect(line('Remerciements')).toMatchObject({ action: 'unsorted' });
    expect(line('Suivi et évaluation du projet').excerpt).toContain('Les indicateurs suivants');
    expect(line('Suivi et évaluation du projet').structured).toEqual(['2 indicateurs']);
  });

  it('reports what it dropped or changed: the javascript: link, the merged cells; the image is counted as kept', () => {
    const { report } = preview;
    expect(report).toMatchObject({ fileName: 'Projet médical 2021.docx', format: 'docx', bytes: libreOfficeDocx.byteLength, externalReferences: [] });
    expect(report.sha256).toMatch(/^[0-9a-f]{64}$/);
    const dropped = Object.fromEntries(report.dropped.map((d: any) => [d.what, d]));
    expect(dropped['Liens retirés (seuls http, https et mailto sont gardés ; le texte reste)'].details).toEqual(['javascript:alert(1)']);
    expect(dropped['Cellules fusionnées séparées (le texte reste dans la première)'].details[0]).toMatch(/^2 dans le tableau « Site \| Capacités/);
    expect(report.images).toEqual({ found: 1, kept: 1 });
    expect(report.dropped.some((d: any) => d.what.startsWith('Images'))).toBe(false);
    expect(report.structured).toEqual([{ partId: expect.any(String), heading: 'Suivi et évaluation du projet', label: '2 indicateurs' }]);
  });

  it('writes nothing before the mapping is confirmed', () => {
    expect(sectionPlainText(liveDoc(projectId), 'objectifs-medicaux')).toBe('');
    expect(indicatorRowMaps(liveDoc(projectId), 'suivi-evaluation')).toHaveLength(0);
  });

  it('applies the mapping: text, nested lists, the split table, indicator rows, « À classer »; audited', async () => {
    const client = connectClient(server.url, projectId, { cookie: editor.cookie });
    await new Promise<void>((resolve) => client.provider.once('sync', () => resolve()));
    let transactions = 0;
    client.doc.on('update', () => transactions++);
    const res = await apply(projectId, preview.importId, []);
    expect(res.status).toBe(200);
    const doc = liveDoc(projectId);
    const text = sectionPlainText(doc, 'objectifs-medicaux');
    expect(text).toContain('Nos objectifs pour cinq ans, avec gras, italique, souligné et un lien vers la HAS et un lien piégé.');
    expect(text).toContain('Action B2');
    expect(text).toContain('120 lits');
    // Nested lists stay nested: bullet > bullet > ordered.
    const list = doc
      .getXmlFragment(fragmentName('objectifs-medicaux'))
      .toArray()
      .find((n) => n instanceof Y.XmlElement && n.nodeName === 'bulletList') as Y.XmlElement;
    expect(list.toString()).toMatch(/<bulletList>.*<bulletList>.*<orderedList[^>]*>.*Action B1/is);
    const rows = indicatorRowMaps(doc, 'suivi-evaluation').map((r) => r.toJSON());
    expect(rows).toEqual([
      expect.objectContaining({
        indicateur: 'Taux de chirurgie ambulatoire',
        methode: 'Séjours ambulatoires / séjours chirurgicaux',
        valeurOrigine: '52 %',
        dateOrigine: '2024-12-31',
        valeurCible: '70 %',
        dateCible: '2028-12-31',
      }),
      expect.objectContaining({ indicateur: 'Délai de rendez-vous en cardiologie', valeurCible: '20 jours', dateCible: '2027-12-31' }),
    ]);
    const unsorted = flatten(readOutline(doc)).find((s) => s.title === 'À classer')!;
    expect(res.body.unsortedSectionId).toBe(unsorted.id);
    // The image, stored with the project, stands where it stood: after « Plan du site principal : ».
    const placed = flatten(readOutline(doc)).flatMap((s) => {
      const nodes = doc.getXmlFragment(fragmentName(s.id)).toArray();
      return nodes.flatMap((n, i) =>
        n instanceof Y.XmlElement && n.nodeName === 'image' ? [{ src: String(n.getAttribute('src')), before: nodes[i - 1]?.toString() ?? '' }] : [],
      );
    });
    expect(placed).toHaveLength(1);
    expect(placed[0]!.before).toContain('Plan du site principal :');
    const sha256 = new RegExp(`^/api/projects/${projectId}/images/([0-9a-f]{64})$`).exec(placed[0]!.src)![1]!;
    expect(server.deps.store.images.get(projectId, sha256)).toMatchObject({ contentType: 'image/png', width: 8, height: 8 });
    expect(sectionPlainText(doc, unsorted.id)).toContain('Le mot du président de CME\nCe projet a été écrit');
    expect(sectionPlainText(doc, unsorted.id)).toContain('Remerciements');
    // Every connected editor received it as one update.
    await expect.poll(() => sectionPlainText(client.doc, 'objectifs-medicaux')).toContain('Action B2');
    expect(transactions).toBe(1);
    client.destroy();
    const audit = await server.api('GET', `/api/projects/${projectId}/audit`, { cookie: reader.cookie });
    const entry = audit.body.find((e: any) => e.action === 'project.import');
    expect(entry).toMatchObject({
      actor: { id: coordinator.id },
      details: { fileName: 'Projet médical 2021.docx', sha256: preview.report.sha256, format: 'docx' },
    });
    expect(entry.at).toBeTruthy();
  });

  it('is applied once', async () => {
    expect((await apply(projectId, preview.importId, [])).body.error.code).toBe('import_already_applied');
  });
});

describe('images of the document', () => {
  const mediaName = async (docx: Buffer) =>
    (await (await import('../../server/export/package/zip')).readZip(docx)).find((e) => e.name.startsWith('word/media/'))!.name;

  it('an image over the limit and an SVG named .png are listed in the report, not dropped silently, and not written', async () => {
    const name = await mediaName(libreOfficeDocx);
    const projectId = await newProject('PMP images refusées');
    for (const [data, why] of [
      [png(1400, 1400, 1, true), /trop volumineuse \(au plus 5 Mo par image\)/],
      [scriptedSvg, /format non conservé/],
    ] as const) {
      const res = await upload(projectId, await withEntries(libreOfficeDocx, { [name]: data }));
      expect(res.status).toBe(201);
      expect(res.body.report.images).toEqual({ found: 1, kept: 0 });
      const refused = res.body.report.dropped.find((d: any) => d.what === 'Images écartées');
      expect(refused.count).toBe(1);
      expect(refused.details[0]).toMatch(why);
      expect((await apply(projectId, res.body.importId, [])).status).toBe(200);
    }
    expect(server.deps.store.images.hashes(projectId)).toEqual([]);
  }, 60_000);

  it('a skipped part’s image is not stored; images past the project’s quota refuse the import, nothing written', async () => {
    const projectId = await newProject('PMP images quota');
    const preview = (await upload(projectId, libreOfficeDocx)).body;
    const saved = server.deps.config.quotaProjectBytes;
    (server.deps.config as { quotaProjectBytes: number }).quotaProjectBytes = server.deps.store.usage.projectBytes(projectId) + 10;
    try {
      const before = Y.encodeStateVector(liveDoc(projectId)).toString();
      const refused = await apply(projectId, preview.importId, []);
      expect(refused.status).toBe(413);
      expect(refused.body.error.code).toBe('storage_quota_exceeded');
      expect(Y.encodeStateVector(liveDoc(projectId)).toString()).toBe(before);
      expect(server.deps.store.images.hashes(projectId)).toEqual([]);
    } finally {
      (server.deps.config as { quotaProjectBytes: number }).quotaProjectBytes = saved;
    }
    const skipAll = preview.mapping.map((m: any) => ({ partId: m.partId, action: 'skip' }));
    expect((await apply(projectId, preview.importId, skipAll)).status).toBe(200);
    expect(server.deps.store.images.hashes(projectId)).toEqual([]);
  });
});

describe('footnotes and endnotes', () => {
  it('become endnotes: references kept as « [n] » in the text, the notes gathered in a « Notes » part at the end, reported', async () => {
    const { Document, EndnoteReferenceRun, FootnoteReferenceRun, HeadingLevel, Packer, Paragraph, TextRun } = await import('docx');
    const docx = await Packer.toBuffer(
      new Document({
        footnotes: { 1: { children: [new Paragraph('Source : PMSI 2024, séjours de chirurgie.')] } },
        sections: [
          {
            children: [
              new Paragraph({ heading: HeadingLevel.HEADING_1, text: 'Objectifs médicaux' }),
              new Paragraph({ children: [new TextRun('Le taux d’ambulatoire atteint 52 %'), new FootnoteReferenceRun(1), new TextRun(' en 2024.')] }),
              new Paragraph({
                children: [
                  new TextRun('Le délai d’IRM baisse'),
                  new EndnoteReferenceRun({ children: [new Paragraph('Mesure de l’ARS, médiane annuelle.')] }),
                  new TextRun('.'),
                ],
              }),
            ],
          },
        ],
      }),
    );
    const projectId = await newProject('PMP notes');
    const preview = (await upload(projectId, Buffer.from(docx), { name: 'notes.docx' })).body;
    expect(preview.report.dropped.find((d: any) => d.what.startsWith('Notes de bas de page')).count).toBe(2);
    const notes = preview.mapping.at(-1);
    expect(notes.heading).toBe('Notes');
    expect(notes.excerpt).toContain('Source : PMSI 2024');
    const objectifs = preview.mapping.find((m: any) => m.heading === 'Objectifs médicaux');
    const res = await apply(projectId, preview.importId, [
      { partId: objectifs.partId, action: 'section', sectionId: 'objectifs-medicaux' },
      { partId: notes.partId, action: 'section', sectionId: 'objectifs-medicaux' },
    ]);
    expect(res.status).toBe(200);
    const text = sectionPlainText(liveDoc(projectId), 'objectifs-medicaux');
    expect(text).toMatch(/Le taux d’ambulatoire atteint 52 %\[1\] en 2024\./);
    expect(text).toMatch(/Le délai d’IRM baisse\[\d\]\./);
    expect(text).toMatch(/Notes\n[\s\S]*Source : PMSI 2024, séjours de chirurgie\.[\s\S]*Mesure de l’ARS, médiane annuelle\./);
    const last = liveDoc(projectId).getXmlFragment(fragmentName('objectifs-medicaux')).toArray().at(-1) as Y.XmlElement;
    expect(last.nodeName).toBe('orderedList');
  });
});

describe('round trip of the product’s own DOCX export', () => {
  it('gives the same chapters, text, indicator rows and filière matrix in a new PMP', async () => {
    const source = await newProject('Projet médical partagé 2026–2030');
    const picture = png(300, 120, 9);
    const pictureRes = await fetch(`${server.url}/api/projects/${source}/images`, {
      method: 'POST',
      headers: { cookie: coordinator.cookie, origin: server.url, 'content-type': 'image/png' },
      body: new Uint8Array(picture),
    });
    const pictureSrc = ((await pictureRes.json()) as { src: string }).src;
    for (const [sectionId, content] of Object.entries(demoPmpContent)) {
      const image = sectionId === 'objectifs-medicaux' ? [{ type: 'image', attrs: { src: pictureSrc, alt: 'Carte des filières' } }] : [];
      writeSection(server, source, sectionId, [...(content.content ?? []), ...image]);
    }
    server.deps.registry.get(source).change((doc) => {
      addIndicator(doc, 'suivi-evaluation', {
        indicateur: 'Part des séjours ambulatoires',
        methode: 'PMSI, séjours en 0 nuit',
        valeurOrigine: '48 %',
        dateOrigine: '2025-12-31',
        valeurCible: '60 %',
        dateCible: '2030-12-31',
        source: 'PMSI',
        periodicite: 'annuelle',
      });
      addIndicator(doc, 'suivi-evaluation', {
        indicateur: 'Délai d’accès à l’IRM',
        methode: 'Médiane',
        valeurOrigine: 'à établir',
        dateOrigine: '2026-06-30',
        valeurCible: '15 jours',
        dateCible: '2029-12-31',
      });
      const [first] = (doc.getMap('meta').get('etablissements') as { id: string }[]) ?? [];
      const filiere = addFiliere(doc, 'filieres', 'Cancérologie');
      setMatrixCell(doc, filiere, 'consultations-externes', first!.id, 'Consultations avancées à Rive-Basse');
    });
    const exported = await download(server, `/api/projects/${source}/export.docx`, coordinator.cookie);
    expect(exported.status).toBe(200);

    const target = await newProject('PMP reconstruit');
    const preview = await upload(target, exported.data, { name: 'export.docx' });
    expect(preview.status).toBe(201);
    expect(preview.body.mapping.filter((m: any) => m.action === 'unsorted')).toEqual([]);
    const applied = await apply(target, preview.body.importId, []);
    expect(applied.status).toBe(200);
    expect(applied.body.unsortedSectionId).toBeNull();

    const [a, b] = [liveDoc(source), liveDoc(target)];
    expect(flatten(readOutline(b)).map((s) => [s.id, s.title])).toEqual(flatten(readOutline(a)).map((s) => [s.id, s.title]));
    for (const section of flatten(readOutline(a))) expect(sectionPlainText(b, section.id), section.id).toBe(sectionPlainText(a, section.id));
    const rows = (doc: Y.Doc) =>
      indicatorRowMaps(doc, 'suivi-evaluation').map((row) => Object.fromEntries(Object.entries(row.toJSON()).filter(([key]) => key !== 'id')));
    expect(rows(b)).toEqual(rows(a).map((r) => expect.objectContaining(r)));
    const matrices = (doc: Y.Doc) => recordEntries(filieresMap(doc)).map(([, f]) => [textOf(f.get('name')), (f.get('matrix') as Y.Map<unknown>).toJSON()]);
    expect(matrices(b)).toEqual(matrices(a));
    // The image comes back, the same bytes, stored with the new project, at the end of its chapter.
    const last = b.getXmlFragment(fragmentName('objectifs-medicaux')).toArray().at(-1) as Y.XmlElement;
    expect(last.nodeName).toBe('image');
    expect(last.getAttribute('src')).toBe(pictureSrc.replace(source, target));
    expect(last.getAttribute('alt')).toBe('Carte des filières');
  }, 60_000);
});

describe('ODT', () => {
  it('is converted by LibreOffice and imported like a DOCX', async () => {
    const projectId = await newProject('PMP import ODT');
    const odt = libreOfficeOdt;
    const res = await upload(projectId, odt, { type: odtType, name: 'projet.odt' });
    expect(res.status).toBe(201);
    expect(res.body.report.format).toBe('odt');
    expect(res.body.mapping.find((m: any) => m.sectionId === 'objectifs-medicaux').excerpt).toContain('Nos objectifs pour cinq ans');
  });

  it('without LibreOffice: a French 503 naming PMP_SOFFICE_PATH, nothing written; DOCX still imports', async () => {
    const other = await startTestServer({ sofficePath: '/nonexistent/soffice' });
    try {
      const cookie = other.adminCookie;
      const created = await other.api('POST', '/api/projects', { cookie, body: { kind: 'PMP', title: 'PMP sans LibreOffice' } });
      const odt = libreOfficeOdt;
      const post = (data: Buffer, type: string) =>
        fetch(`${other.url}/api/projects/${created.body.id}/imports`, {
          method: 'POST',
          headers: { cookie, origin: other.url, 'content-type': type },
          body: new Uint8Array(data),
        });
      const res = await post(odt, odtType);
      expect(res.status).toBe(503);
      const body = (await res.json()) as any;
      expect(body.error.code).toBe('import_converter_unavailable');
      expect(body.error.message).toContain('LibreOffice');
      expect(body.error.message).toContain('PMP_SOFFICE_PATH');
      expect((await post(libreOfficeDocx, docxType)).status).toBe(201);
    } finally {
      await other.close();
    }
  }, 120_000);
});

describe('who may import', () => {
  let projectId: string;
  beforeAll(async () => {
    projectId = await newProject('PMP droits');
  });

  it('refuses a reader and a reviewer (403), a stranger (404); an editor previews; only the importer applies or undoes', async () => {
    expect((await upload(projectId, libreOfficeDocx, { cookie: reader.cookie })).status).toBe(403);
    expect((await upload(projectId, libreOfficeDocx, { cookie: reviewer.cookie })).status).toBe(403);
    const mine = (await upload(projectId, libreOfficeDocx, { cookie: coordinator.cookie })).body;
    for (const who of [reader, reviewer]) {
      expect((await apply(projectId, mine.importId, [], who.cookie)).status).toBe(403);
      expect((await server.api('POST', `/api/projects/${projectId}/imports/${mine.importId}/undo`, { cookie: who.cookie })).status).toBe(403);
    }
    expect((await apply(projectId, mine.importId, [], stranger.cookie)).status).toBe(404);
    expect(sectionPlainText(liveDoc(projectId), 'objectifs-medicaux')).toBe('');
    expect((await upload(projectId, libreOfficeDocx, { cookie: stranger.cookie })).status).toBe(404);
    expect((await upload(projectId, libreOfficeDocx, { cookie: editor.cookie })).status).toBe(201);
  });

  it('answers a reader, a stranger and no session before reading the 40 MiB they announce, and closes; waits for an editor’s', async () => {
    const partial = (cookie: string | undefined, waitMs?: number) =>
      partialUpload(`${server.url}/api/projects/${projectId}/imports?name=projet.docx`, {
        cookie,
        origin: server.url,
        contentType: docxType,
        declared: 40 * 1024 * 1024,
        waitMs,
      });
    for (const [who, cookie, status] of [
      ['reader', reader.cookie, 403],
      ['stranger', stranger.cookie, 404],
      ['no session', undefined, 401],
    ] as const)
      expectRefusedUnread(await partial(cookie), status, who);
    expect((await partial(editor.cookie, 500)).answered, 'the server waits for the announced body').toBe('timeout');
  });

  it('refuses a cross-site upload and one without Origin (CSRF), and another media type', async () => {
    expect((await upload(projectId, libreOfficeDocx, { origin: 'https://evil.example' })).body.error.code).toBe('cross_origin');
    expect((await upload(projectId, libreOfficeDocx, { origin: null })).body.error.code).toBe('json_required');
    const other = await upload(projectId, libreOfficeDocx, { type: 'application/pdf' });
    expect(other.status).toBe(415);
  });

  it('an editor may not create « À classer » nor import into a locked chapter; another user cannot apply someone’s preview', async () => {
    const preview = (await upload(projectId, libreOfficeDocx, { cookie: editor.cookie })).body;
    const refused = await apply(projectId, preview.importId, [], editor.cookie);
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain('À classer');
    const skipUnsorted = preview.mapping.filter((m: any) => m.action === 'unsorted').map((m: any) => ({ partId: m.partId, action: 'skip' }));
    expect((await apply(projectId, preview.importId, skipUnsorted, coordinator.cookie)).status).toBe(404);
    await server.api('PATCH', `/api/projects/${projectId}/sections/objectifs-medicaux`, { cookie: coordinator.cookie, body: { locked: true } });
    const locked = await apply(projectId, preview.importId, skipUnsorted, editor.cookie);
    expect(locked.status).toBe(403);
    const intoLocked = preview.mapping.flatMap((m: any, index: number) => (m.sectionId === 'objectifs-medicaux' ? [`mapping.${index}.sectionId`] : []));
    expect(intoLocked.length).toBeGreaterThan(0);
    expect(locked.body.error.fields.map((f: any) => f.path)).toEqual(intoLocked);
    expect(sectionPlainText(liveDoc(projectId), 'objectifs-medicaux')).toBe('');
    await server.api('PATCH', `/api/projects/${projectId}/sections/objectifs-medicaux`, { cookie: coordinator.cookie, body: { locked: false } });
    expect((await apply(projectId, preview.importId, skipUnsorted, editor.cookie)).status).toBe(200);
    expect(sectionPlainText(liveDoc(projectId), 'objectifs-medicaux')).toContain('Action B2');
  });

  it('names the mapping lines at fault (400)', async () => {
    const preview = (await upload(projectId, libreOfficeDocx)).body;
    const res = await apply(projectId, preview.importId, [
      { partId: 'part-999', action: 'skip' },
      { partId: preview.mapping[0].partId, action: 'section', sectionId: 'pas-un-chapitre' },
    ]);
    expect(res.status).toBe(400);
    expect(res.body.error.fields.map((f: any) => f.path)).toEqual(['mapping.0.partId', 'mapping.1.sectionId']);
  });
});

describe('a chapter that already has text', () => {
  it('replace, append or skip, as chosen per line', async () => {
    const projectId = await newProject('PMP déjà écrit');
    const existing = [{ type: 'paragraph', content: [{ type: 'text', text: 'Texte déjà écrit.' }] }];
    writeSection(server, projectId, 'objectifs-medicaux', existing);
    writeSection(server, projectId, 'suivi-evaluation', existing);
    writeSection(server, projectId, 'diagnostic', existing);
    const preview = (await upload(projectId, libreOfficeDocx)).body;
    const line = (heading: string) => preview.mapping.find((m: any) => m.heading === heading);
    const res = await apply(projectId, preview.importId, [
      { partId: line('Chapitre 2 – OBJECTIFS MEDICAUX').partId, action: 'section', sectionId: 'objectifs-medicaux', whenNotEmpty: 'replace' },
      { partId: line('Suivi et évaluation du projet').partId, action: 'section', sectionId: 'suivi-evaluation', whenNotEmpty: 'append' },
      { partId: line('Remerciements').partId, action: 'section', sectionId: 'diagnostic', whenNotEmpty: 'skip' },
    ]);
    expect(res.status).toBe(200);
    const doc = liveDoc(projectId);
    expect(sectionPlainText(doc, 'objectifs-medicaux')).not.toContain('Texte déjà écrit.');
    expect(sectionPlainText(doc, 'objectifs-medicaux')).toContain('Action B2');
    expect(sectionPlainText(doc, 'suivi-evaluation')).toMatch(/^Texte déjà écrit\.\nLes indicateurs suivants/);
    expect(sectionPlainText(doc, 'diagnostic')).toBe('Texte déjà écrit.');
  });
});

describe('bad input: a clear French error and nothing written', () => {
  let projectId: string;
  const stateOf = () => Y.encodeStateVector(liveDoc(projectId)).toString();
  let before: string;
  beforeAll(async () => {
    projectId = await newProject('PMP entrées invalides');
    before = stateOf();
  });
  afterAll(() => expect(stateOf()).toBe(before));

  const refused = async (data: Buffer, code: string, status = 400, type = docxType) => {
    const res = await upload(projectId, data, { type });
    expect(res.status, JSON.stringify(res.body)).toBe(status);
    expect(res.body.error.code).toBe(code);
    expect(res.body.error.message).toMatch(/[éèàçù]|fichier|document/i);
    expect(res.body.error.fields[0].path).toBe('fichier');
    return res.body.error.message as string;
  };

  it('a PDF renamed .docx', async () => {
    expect(await refused(Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\n'), 'import_not_a_document')).toContain('DOCX');
  });

  it('a spreadsheet (another zip) renamed .docx', async () => {
    const xlsx = await withEntries(libreOfficeDocx, { 'word/document.xml': null, 'xl/workbook.xml': '<workbook/>' });
    await refused(xlsx, 'import_not_a_document');
  });

  it('a Word 97-2003 file and an encrypted (password-protected) DOCX, both OLE compound files', async () => {
    const ole = (streams: string[]) =>
      Buffer.concat([
        Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
        Buffer.alloc(504),
        ...streams.map((s) => Buffer.from(s, 'utf16le')),
        Buffer.alloc(2048),
      ]);
    expect(await refused(ole(['WordDocument']), 'import_unsupported_format')).toContain('.doc');
    expect(await refused(ole(['EncryptionInfo', 'EncryptedPackage']), 'import_encrypted')).toContain('mot de passe');
  });

  it('a zip whose entries are flagged encrypted', async () => {
    const flagged = patchCentralDirectory(libreOfficeDocx, (data, at) => data.writeUInt16LE(data.readUInt16LE(at + 8) | 1, at + 8));
    await refused(flagged, 'import_encrypted');
  });

  it('an ODT protected by a password', async () => {
    const odt = libreOfficeOdt;
    const manifest =
      '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="content.xml"><manifest:encryption-data/></manifest:file-entry></manifest:manifest>';
    await refused(await withEntries(odt, { 'META-INF/manifest.xml': manifest }), 'import_encrypted', 400, odtType);
  }, 60_000);

  it('over 50 MiB', async () => {
    const message = await refused(Buffer.alloc(50 * 1024 * 1024 + 1, 1), 'import_too_large', 413);
    expect(message).toContain('50 Mo');
  });

  it('a zip bomb: an entry expanding far past a document’s ratio, refused from the directory before it is read', async () => {
    const bomb = await withEntries(libreOfficeDocx, { 'word/media/zeros.bin': Buffer.alloc(40 * 1024 * 1024) });
    expect(await refused(bomb, 'import_zip_bomb')).toMatch(/décompresse \d+ fois/);
  });

  it('a zip bomb: a directory announcing more than the total expansion allowed', async () => {
    // Each entry announces 40 MiB from 1 MiB (a plausible ratio): the sum passes the bound.
    const announced = patchCentralDirectory(libreOfficeDocx, (data, at) => {
      data.writeUInt32LE(1024 * 1024, at + 20);
      data.writeUInt32LE(40 * 1024 * 1024, at + 24);
    });
    expect(await refused(announced, 'import_zip_bomb')).toContain('256 Mo');
  });

  it('a zip bomb: too many entries', async () => {
    const many: Record<string, string> = {};
    for (let i = 0; i < 2001; i++) many[`word/extra/${i}.xml`] = '<x/>';
    expect(await refused(await withEntries(libreOfficeDocx, many), 'import_zip_bomb')).toMatch(/contient \d{4} éléments \(au plus 2000\)/);
  });

  it('a directory that lies about the expanded size (expansion checked as it is read)', async () => {
    const lying = patchCentralDirectory(libreOfficeDocx, (data, at) => data.writeUInt32LE(Math.max(1, data.readUInt32LE(at + 24) >> 1), at + 24));
    await refused(lying, 'import_corrupt');
  });

  it('a corrupt (truncated) archive', async () => {
    await refused(libreOfficeDocx.subarray(0, libreOfficeDocx.byteLength >> 1), 'import_corrupt');
  });

  it('an ODT linking an image outside itself, before LibreOffice sees it', async () => {
    const odt = libreOfficeOdt;
    const content = (await import('../../server/export/package/zip'))
      .readZip(odt)
      .then((entries) => entries.find((e) => e.name === 'content.xml')!.data.toString('utf8'));
    const linked = (await content).replace(
      '</office:text>',
      '<text:p><draw:frame><draw:image xlink:href="http://127.0.0.1:9/tracker.png"/></draw:frame></text:p></office:text>',
    );
    await refused(await withEntries(odt, { 'content.xml': linked }), 'import_external_reference', 400, odtType);
  }, 60_000);
});

describe('external references of a DOCX', () => {
  it('are listed in the report and never fetched (linked image, remote template)', async () => {
    const requests: string[] = [];
    const listener = http.createServer((req, res) => {
      requests.push(req.url ?? '');
      res.end();
    });
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(listener.address() as AddressInfo).port}`;
    try {
      const entries = await (await import('../../server/export/package/zip')).readZip(libreOfficeDocx);
      const rels = entries.find((e) => e.name === 'word/_rels/document.xml.rels')!.data.toString('utf8');
      const documentXml = entries.find((e) => e.name === 'word/document.xml')!.data.toString('utf8');
      const linkedRels = rels.replace(
        '</Relationships>',
        `<Relationship Id="rIdLinked" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="${base}/linked.png" TargetMode="External"/></Relationships>`,
      );
      // The picture of the fixture now points to the remote file instead of its own copy.
      const linkedDocument = documentXml.replace(/r:embed="[^"]*"/, 'r:link="rIdLinked"');
      const settingsRels = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdTpl" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate" Target="${base}/template.dotm" TargetMode="External"/></Relationships>`;
      const docx = await withEntries(libreOfficeDocx, {
        'word/_rels/document.xml.rels': linkedRels,
        'word/document.xml': linkedDocument,
        'word/_rels/settings.xml.rels': settingsRels,
      });
      const projectId = await newProject('PMP références externes');
      const res = await upload(projectId, docx);
      expect(res.status).toBe(201);
      expect(res.body.report.externalReferences).toEqual([
        { kind: 'image', target: `${base}/linked.png` },
        { kind: 'template', target: `${base}/template.dotm` },
      ]);
      expect(res.body.report.dropped.find((d: any) => d.what.startsWith('Références externes')).count).toBe(2);
      expect((await apply(projectId, res.body.importId, [])).status).toBe(200);
      expect(requests).toEqual([]);
    } finally {
      listener.close();
    }
  });
});

describe('undo', () => {
  it('takes the whole import back out as one change: texts as before, indicator rows and « À classer » removed; audited', async () => {
    const projectId = await newProject('PMP annulation');
    writeSection(server, projectId, 'objectifs-medicaux', [{ type: 'paragraph', content: [{ type: 'text', text: 'Texte déjà écrit.' }] }]);
    const before = flatten(readOutline(liveDoc(projectId))).map((s) => [s.id, sectionPlainText(liveDoc(projectId), s.id)]);
    const preview = (await upload(projectId, libreOfficeDocx)).body;
    const objectifs = preview.mapping.find((m: any) => m.sectionId === 'objectifs-medicaux');
    expect(
      (await apply(projectId, preview.importId, [{ partId: objectifs.partId, action: 'section', sectionId: 'objectifs-medicaux', whenNotEmpty: 'replace' }]))
        .status,
    ).toBe(200);
    expect(indicatorRowMaps(liveDoc(projectId), 'suivi-evaluation')).toHaveLength(2);

    const client = connectClient(server.url, projectId, { cookie: editor.cookie });
    await new Promise<void>((resolve) => client.provider.once('sync', () => resolve()));
    let transactions = 0;
    client.doc.on('update', () => transactions++);
    expect((await server.api('POST', `/api/projects/${projectId}/imports/${preview.importId}/undo`, { cookie: reader.cookie })).status).toBe(403);
    const undone = await server.api('POST', `/api/projects/${projectId}/imports/${preview.importId}/undo`, { cookie: coordinator.cookie });
    expect(undone.status, JSON.stringify(undone.body)).toBe(200);
    const doc = liveDoc(projectId);
    expect(flatten(readOutline(doc)).map((s) => [s.id, sectionPlainText(doc, s.id)])).toEqual(before);
    expect(indicatorRowMaps(doc, 'suivi-evaluation')).toHaveLength(0);
    await expect.poll(() => sectionPlainText(client.doc, 'objectifs-medicaux')).toBe('Texte déjà écrit.');
    expect(transactions).toBe(1);
    client.destroy();
    expect((await server.api('POST', `/api/projects/${projectId}/imports/${preview.importId}/undo`, { cookie: coordinator.cookie })).body.error.code).toBe(
      'import_already_undone',
    );
    const audit = await server.api('GET', `/api/projects/${projectId}/audit`, { cookie: coordinator.cookie });
    expect(audit.body.map((e: any) => e.action)).toEqual(expect.arrayContaining(['project.import', 'project.import.undo']));
  });

  it('is refused, naming the chapters, once a text the import wrote has been edited', async () => {
    const projectId = await newProject('PMP annulation tardive');
    const preview = (await upload(projectId, libreOfficeDocx)).body;
    expect((await apply(projectId, preview.importId, [])).status).toBe(200);
    writeSection(server, projectId, 'objectifs-medicaux', [{ type: 'paragraph', content: [{ type: 'text', text: 'Réécrit après l’import.' }] }]);
    const refused = await server.api('POST', `/api/projects/${projectId}/imports/${preview.importId}/undo`, { cookie: coordinator.cookie });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'import_changed_since', sections: ['objectifs-medicaux'] });
    expect(refused.body.error.message).toContain('Objectifs médicaux');
    expect(sectionPlainText(liveDoc(projectId), 'objectifs-medicaux')).toBe('Réécrit après l’import.');
  });
});
