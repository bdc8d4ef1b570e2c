import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addThread, anchorInText } from '../../schemas/comments';
import { sectionPlainText } from '../../schemas/sectionText';
import { listSuggestions } from '../../schemas/suggestions';
import { connectClient, synced, waitFor, type Client } from '../helpers/collabClient';
import { download, unzip, pdfPages, writeSection } from '../helpers/exportFixtures';
import { appendParagraph } from '../helpers/richText';
import { firstText, suggestion } from '../helpers/suggestionText';
import { startTestServer, type TestServer } from '../helpers/testServer';

/** Issue 21: suggestions made live by one client, decided by another, exported as accepted text only. */
let server: TestServer;
type Person = { id: string; cookie: string };
let coordinator: Person;
let editor: Person;
let reviewer: Person;
const opened: Client[] = [];

const docOf = (projectId: string) => server.deps.registry.get(projectId).doc;
const decide = (projectId: string, person: Person, body: object) =>
  server.api('POST', `/api/projects/${projectId}/suggestions/decisions`, { cookie: person.cookie, body });
const pending = async (projectId: string, query = '') =>
  (await server.api('GET', `/api/projects/${projectId}/suggestions${query}`, { cookie: reviewer.cookie })).body as {
    id: string;
    kind: string;
    text: string;
    author: { id: string; name: string };
  }[];

async function project(text = 'Le territoire compte trois hôpitaux.'): Promise<string> {
  const id = (await server.api('POST', '/api/projects', { cookie: coordinator.cookie, body: { kind: 'PM', title: 'PM suggéré' } })).body.id as string;
  for (const [user, role] of [
    [editor, 'editor'],
    [reviewer, 'reviewer'],
  ] as const) {
    await server.api('PUT', `/api/projects/${id}/members/${user.id}`, { cookie: coordinator.cookie, body: { role } });
  }
  server.deps.registry.get(id).change((doc) => {
    appendParagraph(doc, 'diagnostic', text);
    appendParagraph(doc, 'volet-palliatif', 'Une équipe mobile de soins palliatifs.');
  });
  return id;
}

function client(projectId: string, person: Person): Client {
  const c = connectClient(server.url, projectId, { cookie: person.cookie });
  opened.push(c);
  return c;
}

beforeAll(async () => {
  server = await startTestServer();
  coordinator = await server.user('Dr Claire Martin');
  editor = await server.user('Sophie Rédactrice');
  reviewer = await server.user('Pr Paul Relecteur');
});
afterAll(async () => {
  for (const c of opened) c.destroy();
  await server.close();
});

describe('a suggestion from one client decided by another', () => {
  it('is accepted by the coordinator: every client sees the final text, the audit says who accepted whose suggestion', async () => {
    const id = await project();
    const proposer = client(id, reviewer);
    const watcher = client(id, editor);
    await Promise.all([synced(proposer), synced(watcher)]);
    proposer.doc.transact(() => {
      firstText(proposer.doc, 'diagnostic').insert(21, 'au moins ', { suggestionInsert: suggestion(reviewer.id, 'ins-1') });
      firstText(proposer.doc, 'diagnostic').format(0, 14, { suggestionDelete: suggestion(reviewer.id, 'del-1') });
    });
    await waitFor(() => listSuggestions(docOf(id)).length === 2);
    const listed = await pending(id);
    expect(listed).toEqual([
      expect.objectContaining({ id: 'del-1', kind: 'delete', text: 'Le territoire ', author: { id: reviewer.id, name: 'Pr Paul Relecteur' } }),
      expect.objectContaining({ id: 'ins-1', kind: 'insert', text: 'au moins ' }),
    ]);
    expect(Object.keys(listed[0]!)).toEqual(['id', 'kind', 'sectionId', 'author', 'at', 'text']);
    // The reviewer may not decide, even on their own suggestions.
    expect((await decide(id, reviewer, { action: 'accept', ids: ['ins-1'] })).status).toBe(403);
    const accepted = await decide(id, coordinator, { action: 'accept', ids: ['ins-1', 'del-1'] });
    expect(accepted.status).toBe(201);
    expect(accepted.body.count).toBe(2);
    const final = 'compte au moins trois hôpitaux.';
    for (const doc of [docOf(id), proposer.doc, watcher.doc]) await waitFor(() => sectionPlainText(doc, 'diagnostic') === final);
    expect(await pending(id)).toEqual([]);
    const audit = (await server.api('GET', `/api/projects/${id}/audit`, { cookie: coordinator.cookie })).body;
    const entries = (Array.isArray(audit) ? audit : audit.entries) as {
      action: string;
      actor: { name: string };
      details: { suggestions: { id: string; author: { name: string }; text: string }[] };
    }[];
    const entry = entries.find((e) => e.action === 'suggestion.accepted');
    expect(entry?.actor.name).toBe('Dr Claire Martin');
    expect(entry?.details.suggestions.map((s) => [s.id, s.author.name, s.text])).toEqual([
      ['del-1', 'Pr Paul Relecteur', 'Le territoire '],
      ['ins-1', 'Pr Paul Relecteur', 'au moins '],
    ]);
    // The audit keeps each decided suggestion as the list answered it, byte for byte.
    expect(JSON.stringify(entry?.details.suggestions)).toBe(JSON.stringify(listed));
    expect([...proposer.closes, ...watcher.closes]).toEqual([]);
  });

  it('rejects: an insertion’s text goes, a deletion’s text stays; each decision is undone in one step', async () => {
    const id = await project();
    server.deps.registry.get(id).change((doc) => {
      firstText(doc, 'diagnostic').insert(21, 'au moins ', { suggestionInsert: suggestion(reviewer.id, 'ins-1'), bold: true });
      firstText(doc, 'diagnostic').format(0, 14, { suggestionDelete: suggestion(editor.id, 'del-1') });
    });
    const rejected = await decide(id, editor, { action: 'reject', ids: ['ins-1', 'del-1'] });
    expect(rejected.status).toBe(201);
    expect(sectionPlainText(docOf(id), 'diagnostic')).toBe('Le territoire compte trois hôpitaux.');
    expect(listSuggestions(docOf(id))).toEqual([]);
    const undo = () => server.api('POST', `/api/projects/${id}/suggestions/decisions/${rejected.body.decisionId}/undo`, { cookie: coordinator.cookie });
    expect((await undo()).status).toBe(204);
    expect(sectionPlainText(docOf(id), 'diagnostic')).toBe('Le territoire compte au moins trois hôpitaux.');
    expect(listSuggestions(docOf(id)).map((s) => [s.id, s.text])).toEqual([
      ['del-1', 'Le territoire '],
      ['ins-1', 'au moins '],
    ]);
    expect(firstText(docOf(id), 'diagnostic').toDelta()[2].attributes.bold).toBe(true);
    expect((await undo()).status).toBe(409);
  });

  it('decides a chapter’s, or all of one person’s, leaving the others pending', async () => {
    const id = await project();
    server.deps.registry.get(id).change((doc) => {
      firstText(doc, 'diagnostic').insert(0, 'A ', { suggestionInsert: suggestion(reviewer.id, 'r-diag') });
      firstText(doc, 'diagnostic').insert(2, 'B ', { suggestionInsert: suggestion(editor.id, 'e-diag') });
      firstText(doc, 'volet-palliatif').insert(0, 'C ', { suggestionInsert: suggestion(reviewer.id, 'r-pall') });
    });
    expect((await decide(id, coordinator, { action: 'accept', authorId: reviewer.id })).body.count).toBe(2);
    expect((await pending(id)).map((s) => s.id)).toEqual(['e-diag']);
    expect(sectionPlainText(docOf(id), 'volet-palliatif')).toBe('C Une équipe mobile de soins palliatifs.');
    expect((await decide(id, coordinator, { action: 'reject', sectionId: 'diagnostic' })).body.count).toBe(1);
    expect(sectionPlainText(docOf(id), 'diagnostic')).toBe('A Le territoire compte trois hôpitaux.');
    const none = await decide(id, coordinator, { action: 'accept', sectionId: 'diagnostic' });
    expect(none.status).toBe(404);
    expect(none.body.error.code).toBe('suggestion_not_found');
  });
});

describe('exports', () => {
  it('show the accepted text only: pending insertions out, pending deletions kept, in versions, PDF and DOCX', async () => {
    const id = await project();
    writeSection(server, id, 'diagnostic', [
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: 'Texte en vigueur. ' },
          { type: 'text', text: 'Ajoutpendant ', marks: [{ type: 'suggestionInsert', attrs: suggestion(reviewer.id, 'ins-x') }] },
          { type: 'text', text: 'Retraitpendant', marks: [{ type: 'suggestionDelete', attrs: suggestion(reviewer.id, 'del-x') }] },
        ],
      },
    ]);
    expect(listSuggestions(docOf(id)).length).toBe(2);
    const version = await server.api('POST', `/api/projects/${id}/versions`, { cookie: coordinator.cookie, body: { label: 'V1' } });
    expect(version.status).toBe(201);
    // Freezing and completeness warn about the chapter's pending suggestions; neither is blocked by them.
    const warning = { sectionId: 'diagnostic', problem: 'pending_suggestions', count: 2, message: expect.stringContaining('2 suggestions en attente') };
    expect(version.body.warnings).toEqual([warning]);
    expect((await server.api('GET', `/api/projects/${id}/completeness`, { cookie: coordinator.cookie })).body.warnings).toEqual([warning]);
    const content = JSON.stringify((await server.api('GET', `/api/projects/${id}/versions/${version.body.id}`, { cookie: coordinator.cookie })).body.content);
    expect(content).toContain('Retraitpendant');
    expect(content).not.toContain('Ajoutpendant');
    expect(content).not.toContain('suggestion');
    const pdf = await download(server, `/api/projects/${id}/export.pdf`, coordinator.cookie);
    expect(pdf.status).toBe(200);
    const text = (await pdfPages(pdf.data)).join('\n');
    expect(text).toContain('Retraitpendant');
    expect(text).not.toContain('Ajoutpendant');
    const docx = await download(server, `/api/projects/${id}/export.docx`, coordinator.cookie);
    expect(docx.status).toBe(200);
    const xml = (await unzip(docx.data)).get('word/document.xml')!.toString('utf8');
    expect(xml).toContain('Retraitpendant');
    expect(xml).not.toContain('Ajoutpendant');
  });

  it('have a committees’ working copy (PDF) that shows pending suggestions and the comments', async () => {
    const id = await project();
    writeSection(server, id, 'diagnostic', [
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: 'Texte en vigueur. ' },
          { type: 'text', text: 'Ajoutpendant', marks: [{ type: 'suggestionInsert', attrs: suggestion(reviewer.id, 'ins-w') }] },
        ],
      },
    ]);
    server.deps.registry.get(id).change((doc) =>
      addThread(doc, {
        id: 'w1',
        authorId: reviewer.id,
        body: 'Commentaireduchapitre',
        mentions: [],
        sectionId: 'diagnostic',
        anchor: anchorInText(firstText(doc, 'diagnostic'), 0, 5),
      }),
    );
    const pdf = await download(server, `/api/projects/${id}/export.pdf?variant=travail`, coordinator.cookie);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-disposition')).toContain('version-de-travail.pdf');
    const text = (await pdfPages(pdf.data)).join('\n');
    expect(text).toContain('Ajoutpendant');
    expect(text).toContain('Version de travail avec suggestions et commentaires');
    expect(text).toContain('Annexe — Commentaires');
    expect(text).toContain('Commentaireduchapitre');
    expect(text).toContain('Pr Paul Relecteur');
    expect((await download(server, `/api/projects/${id}/export.docx?variant=travail`, coordinator.cookie)).status).toBe(400);
  });
});
