import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendParagraph } from '../helpers/richText';
import { firstText, suggestion } from '../helpers/suggestionText';
import { startTestServer, type TestServer } from '../helpers/testServer';

/**
 * Issue 21, "version diffs say who accepted what": the diff of two versions names, for the
 * changes that came from suggestions accepted between them, whose suggestion it was and who
 * accepted it; a decision undone, a rejection, or one outside the two versions is not listed.
 */
let server: TestServer;
type Person = { id: string; cookie: string };
let coordinator: Person;
let editor: Person;
let reviewer: Person;

const decide = (projectId: string, person: Person, body: object) =>
  server.api('POST', `/api/projects/${projectId}/suggestions/decisions`, { cookie: person.cookie, body });
const freeze = async (projectId: string, label: string): Promise<string> => {
  const res = await server.api('POST', `/api/projects/${projectId}/versions`, { cookie: coordinator.cookie, body: { label } });
  if (res.status !== 201) throw new Error(`freeze: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
};
const diff = async (projectId: string, from: string, to: string) =>
  (await server.api('GET', `/api/projects/${projectId}/versions/${from}/diff/${to}`, { cookie: reviewer.cookie })).body;

beforeAll(async () => {
  server = await startTestServer();
  coordinator = await server.user('Dr Claire Martin');
  editor = await server.user('Sophie Rédactrice');
  reviewer = await server.user('Pr Paul Relecteur');
});
afterAll(() => server?.close());

describe('the version diff says who accepted what', () => {
  it('names the author and the person who accepted each suggestion the changes came from, between the two versions only', async () => {
    const id = (await server.api('POST', '/api/projects', { cookie: coordinator.cookie, body: { kind: 'PM', title: 'PM comparé' } })).body.id as string;
    for (const [user, role] of [
      [editor, 'editor'],
      [reviewer, 'reviewer'],
    ] as const) {
      await server.api('PUT', `/api/projects/${id}/members/${user.id}`, { cookie: coordinator.cookie, body: { role } });
    }
    server.deps.registry.get(id).change((doc) => {
      appendParagraph(doc, 'diagnostic', 'Le territoire compte trois hôpitaux.');
      appendParagraph(doc, 'volet-palliatif', 'Une équipe mobile de soins palliatifs.');
    });
    const v1 = await freeze(id, 'Version 1');
    server.deps.registry.get(id).change((doc) => {
      firstText(doc, 'diagnostic').insert(21, 'au moins ', { suggestionInsert: suggestion(reviewer.id, 'ins-1') });
      firstText(doc, 'diagnostic').format(0, 3, { suggestionDelete: suggestion(editor.id, 'del-1') });
      firstText(doc, 'volet-palliatif').insert(0, 'Renforcer ', { suggestionInsert: suggestion(reviewer.id, 'undone-1') });
      firstText(doc, 'volet-palliatif').format(4, 6, { suggestionDelete: suggestion(reviewer.id, 'rejected-1') });
    });
    expect((await decide(id, coordinator, { action: 'accept', ids: ['ins-1'] })).status).toBe(201);
    expect((await decide(id, editor, { action: 'accept', ids: ['del-1'] })).status).toBe(201);
    const undone = await decide(id, coordinator, { action: 'accept', ids: ['undone-1'] });
    expect((await server.api('POST', `/api/projects/${id}/suggestions/decisions/${undone.body.decisionId}/undo`, { cookie: coordinator.cookie })).status).toBe(
      204,
    );
    expect((await decide(id, coordinator, { action: 'reject', ids: ['rejected-1'] })).status).toBe(201);
    const v2 = await freeze(id, 'Version 2');
    // Accepted after version 2: not part of 1 → 2, part of 2 → current.
    expect((await decide(id, editor, { action: 'accept', ids: ['undone-1'] })).status).toBe(201);

    const d12 = await diff(id, v1, v2);
    const diagnostic = d12.sections.find((s: { sectionId: string }) => s.sectionId === 'diagnostic');
    expect(diagnostic.accepted).toEqual([
      expect.objectContaining({
        id: 'ins-1',
        kind: 'insert',
        text: 'au moins ',
        author: { id: reviewer.id, name: 'Pr Paul Relecteur' },
        acceptedBy: { id: coordinator.id, name: 'Dr Claire Martin' },
      }),
      expect.objectContaining({
        id: 'del-1',
        kind: 'delete',
        text: 'Le ',
        author: { id: editor.id, name: 'Sophie Rédactrice' },
        acceptedBy: { id: editor.id, name: 'Sophie Rédactrice' },
      }),
    ]);
    expect(diagnostic.text.lines).toEqual([
      { op: 'removed', text: 'Le territoire compte trois hôpitaux.', acceptedSuggestionIds: ['del-1'] },
      { op: 'added', text: 'territoire compte au moins trois hôpitaux.', acceptedSuggestionIds: ['ins-1'] },
    ]);
    // The undone acceptance and the rejection changed nothing between the versions, and say nothing.
    expect(d12.sections.find((s: { sectionId: string }) => s.sectionId === 'volet-palliatif')).toBeUndefined();

    const d2now = await diff(id, v2, 'current');
    expect(
      d2now.sections.map((s: { sectionId: string; accepted: { id: string; acceptedBy: { name: string } }[] }) => [
        s.sectionId,
        s.accepted.map((a) => [a.id, a.acceptedBy.name]),
      ]),
    ).toEqual([['volet-palliatif', [['undone-1', 'Sophie Rédactrice']]]]);
  });
});
