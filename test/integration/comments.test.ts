import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addReply, addThread, anchorInText, commentsMap, setResolved } from '../../schemas/comments';
import { sectionPlainText } from '../../schemas/sectionText';
import { connectClient, synced, waitFor, type Client } from '../helpers/collabClient';
import { openHostile, type HostileClient } from '../helpers/hostileClient';
import { appendParagraph } from '../helpers/richText';
import { fingerprint, firstText } from '../helpers/suggestionText';
import { startTestServer, type TestServer } from '../helpers/testServer';

/** Issue 21: comment threads in the shared document, anchored by Yjs relative positions, owned by their authors. */
let server: TestServer;
type Person = { id: string; cookie: string };
let coordinator: Person;
let editor: Person;
let reviewer: Person;
let reader: Person;
const opened: { close(): void }[] = [];

const docOf = (projectId: string) => server.deps.registry.get(projectId).doc;
const comments = async (projectId: string) => (await server.api('GET', `/api/projects/${projectId}/comments`, { cookie: reader.cookie })).body;

async function project(): Promise<string> {
  const id = (await server.api('POST', '/api/projects', { cookie: coordinator.cookie, body: { kind: 'PM', title: 'PM commenté' } })).body.id as string;
  for (const [user, role] of [
    [editor, 'editor'],
    [reviewer, 'reviewer'],
    [reader, 'reader'],
  ] as const) {
    await server.api('PUT', `/api/projects/${id}/members/${user.id}`, { cookie: coordinator.cookie, body: { role } });
  }
  server.deps.registry.get(id).change((doc) => appendParagraph(doc, 'volet-palliatif', 'Le territoire compte trois hôpitaux.'));
  return id;
}

function client(projectId: string, person: Person): Client {
  const c = connectClient(server.url, projectId, { cookie: person.cookie });
  opened.push({ close: () => c.destroy() });
  return c;
}

async function hostile(projectId: string, person: Person): Promise<HostileClient> {
  const c = await openHostile(server.url, projectId, person.cookie, Y.encodeStateAsUpdate(docOf(projectId)));
  opened.push({ close: () => c.ws.terminate() });
  return c;
}

/** A thread by `author` on "trois hôpitaux", written by a hostile client (so the test controls every byte). */
async function thread(projectId: string, author: Person, id = 't1'): Promise<void> {
  const c = await hostile(projectId, author);
  c.send(
    c.change((doc) =>
      addThread(doc, {
        id,
        authorId: author.id,
        body: 'Préciser lesquels.',
        mentions: [],
        sectionId: 'volet-palliatif',
        anchor: anchorInText(firstText(doc, 'volet-palliatif'), 21, 35),
      }),
    ),
  );
  await waitFor(() => commentsMap(docOf(projectId)).has(id));
  c.ws.close();
}

async function attempt(projectId: string, person: Person, mutate: (doc: Y.Doc) => void): Promise<number | 'stored'> {
  const c = await hostile(projectId, person);
  const before = fingerprint(docOf(projectId));
  c.send(c.change(mutate));
  return Promise.race([
    c.closed,
    waitFor(() => fingerprint(docOf(projectId)) !== before, 5000).then(
      () => 'stored' as const,
      () => 0,
    ),
  ]);
}

beforeAll(async () => {
  server = await startTestServer();
  coordinator = await server.user('Dr Claire Martin');
  editor = await server.user('Sophie Rédactrice');
  reviewer = await server.user('Pr Paul Relecteur');
  reader = await server.user('Julie Lectrice');
});
afterAll(async () => {
  for (const c of opened) c.close();
  await server.close();
});

describe('a comment’s anchor', () => {
  it('follows the text while another client edits before and inside it, and is detached when the text is deleted', async () => {
    const id = await project();
    const author = client(id, reviewer);
    const other = client(id, editor);
    await Promise.all([synced(author), synced(other)]);
    author.doc.transact(() =>
      addThread(author.doc, {
        id: 'palliatif-1',
        authorId: reviewer.id,
        body: 'Lesquels ?',
        mentions: [],
        sectionId: 'volet-palliatif',
        anchor: anchorInText(firstText(author.doc, 'volet-palliatif'), 21, 35),
      }),
    );
    await waitFor(() => commentsMap(other.doc).has('palliatif-1'));
    let listed = await comments(id);
    expect(listed).toEqual([
      expect.objectContaining({
        id: 'palliatif-1',
        sectionId: 'volet-palliatif',
        author: { id: reviewer.id, name: 'Pr Paul Relecteur' },
        body: 'Lesquels ?',
        resolved: false,
        replies: [],
        anchor: { text: 'trois hôpitaux', detached: false },
      }),
    ]);
    // The other client types before the anchor, then inside it.
    firstText(other.doc, 'volet-palliatif').insert(0, 'En 2026, ');
    firstText(other.doc, 'volet-palliatif').insert(9 + 26, ' grands');
    await waitFor(() => sectionPlainText(docOf(id), 'volet-palliatif') === 'En 2026, Le territoire compte trois grands hôpitaux.');
    listed = await comments(id);
    expect(listed[0].anchor).toEqual({ text: 'trois grands hôpitaux', detached: false });
    // Text typed right after the anchor is not in it.
    firstText(other.doc, 'volet-palliatif').insert(9 + 21 + 7 + 14, ' publics');
    await waitFor(() => sectionPlainText(docOf(id), 'volet-palliatif').endsWith('hôpitaux publics.'));
    expect((await comments(id))[0].anchor).toEqual({ text: 'trois grands hôpitaux', detached: false });
    // The anchored text deleted: the thread stays, detached, with the text it was made on.
    firstText(other.doc, 'volet-palliatif').delete(9 + 21, 21);
    await waitFor(() => !sectionPlainText(docOf(id), 'volet-palliatif').includes('trois'));
    expect((await comments(id))[0].anchor).toEqual({ text: 'trois hôpitaux', detached: true });
    expect(author.closes).toEqual([]);
    expect(other.closes).toEqual([]);
  });
});

describe('threads belong to their authors', () => {
  it('lets members reply, the author or a coordinator resolve and reopen', async () => {
    const id = await project();
    await thread(id, reviewer);
    expect(
      await attempt(id, editor, (doc) => addReply(doc, 't1', { id: 'r1', authorId: editor.id, body: 'Les trois CH du GHT.', mentions: [reviewer.id] })),
    ).toBe('stored');
    expect(await attempt(id, reviewer, (doc) => setResolved(doc, 't1', true, reviewer.id))).toBe('stored');
    expect(await attempt(id, coordinator, (doc) => setResolved(doc, 't1', false, coordinator.id))).toBe('stored');
    const [listed] = await comments(id);
    // The answer's shape, in its order (docs/API.md, « Review »).
    expect(Object.keys(listed)).toEqual([
      'id',
      'author',
      'body',
      'createdAt',
      'mentions',
      'sectionId',
      'resolved',
      'resolvedBy',
      'resolvedAt',
      'replies',
      'anchor',
    ]);
    expect(Object.keys(listed.replies[0])).toEqual(['id', 'author', 'body', 'createdAt', 'mentions']);
    expect(listed).toMatchObject({
      resolved: false,
      replies: [{ id: 'r1', author: { id: editor.id }, body: 'Les trois CH du GHT.', mentions: [{ id: reviewer.id, name: 'Pr Paul Relecteur' }] }],
    });
    expect(await attempt(id, reviewer, (doc) => commentsMap(doc).get('t1')!.set('body', 'Préciser lesquels, SVP.'))).toBe('stored');
    expect((await comments(id))[0].body).toBe('Préciser lesquels, SVP.');
  });

  it('refuses (4403) and stores nothing of another’s edit, deletion or resolution, a forged author, a reader’s comment', async () => {
    const id = await project();
    await thread(id, reviewer);
    const reply = await hostile(id, editor);
    reply.send(reply.change((doc) => addReply(doc, 't1', { id: 'r1', authorId: editor.id, body: 'Réponse.', mentions: [] })));
    await waitFor(() => (commentsMap(docOf(id)).get('t1')!.get('replies') as Y.Array<unknown>).length === 1);
    const before = fingerprint(docOf(id));
    const attacks: [string, Person, (doc: Y.Doc) => void][] = [
      ['body of another’s thread', editor, (doc) => commentsMap(doc).get('t1')!.set('body', 'Réécrit.')],
      ['body of another’s reply', reviewer, (doc) => (commentsMap(doc).get('t1')!.get('replies') as Y.Array<Y.Map<unknown>>).get(0).set('body', 'Réécrit.')],
      ['deletion of another’s reply', reviewer, (doc) => (commentsMap(doc).get('t1')!.get('replies') as Y.Array<unknown>).delete(0, 1)],
      ['deletion of a thread others replied to', reviewer, (doc) => commentsMap(doc).delete('t1')],
      ['deletion of another’s thread', coordinator, (doc) => commentsMap(doc).delete('t1')],
      ['resolution by an editor who is not the author', editor, (doc) => setResolved(doc, 't1', true, editor.id)],
      ['resolved in the author’s name', editor, (doc) => setResolved(doc, 't1', true, reviewer.id)],
      [
        'a thread signed by someone else',
        editor,
        (doc) =>
          addThread(doc, {
            id: 't2',
            authorId: reviewer.id,
            body: 'Faux.',
            mentions: [],
            sectionId: 'volet-palliatif',
            anchor: anchorInText(firstText(doc, 'volet-palliatif'), 0, 2),
          }),
      ],
      ['a reply signed by someone else', reviewer, (doc) => addReply(doc, 't1', { id: 'r2', authorId: editor.id, body: 'Faux.', mentions: [] })],
      [
        'the anchor moved',
        reviewer,
        (doc) =>
          commentsMap(doc)
            .get('t1')!
            .set('anchor', anchorInText(firstText(doc, 'volet-palliatif'), 0, 2)),
      ],
      [
        'a reader’s comment',
        reader,
        (doc) =>
          addThread(doc, {
            id: 't3',
            authorId: reader.id,
            body: 'Lecteur.',
            mentions: [],
            sectionId: 'volet-palliatif',
            anchor: anchorInText(firstText(doc, 'volet-palliatif'), 0, 2),
          }),
      ],
    ];
    for (const [what, person, attack] of attacks) expect(await attempt(id, person, attack), what).toBe(4403);
    const invalid: [string, (doc: Y.Doc) => void][] = [
      [
        'a thread on an unknown section',
        (doc) =>
          addThread(doc, {
            id: 't4',
            authorId: editor.id,
            body: 'Où ?',
            mentions: [],
            sectionId: 'nulle-part',
            anchor: anchorInText(firstText(doc, 'volet-palliatif'), 0, 2),
          }),
      ],
      [
        'a thread without its replies list',
        (doc) => {
          const map = new Y.Map<unknown>();
          for (const [key, value] of Object.entries({
            id: 't5',
            authorId: editor.id,
            createdAt: 'x',
            body: 'b',
            mentions: [],
            sectionId: 'volet-palliatif',
            anchor: { start: {}, end: {}, quote: '' },
            resolved: false,
            resolvedBy: '',
            resolvedAt: '',
          }))
            map.set(key, value);
          commentsMap(doc).set('t5', map);
        },
      ],
      [
        'an empty body',
        (doc) =>
          addThread(doc, {
            id: 't6',
            authorId: editor.id,
            body: '  ',
            mentions: [],
            sectionId: 'volet-palliatif',
            anchor: anchorInText(firstText(doc, 'volet-palliatif'), 0, 2),
          }),
      ],
    ];
    for (const [what, attack] of invalid) expect(await attempt(id, editor, attack), what).toBe(4422);
    expect(fingerprint(docOf(id)), 'nothing stored').toBe(before);
  });

  it('lets the author delete a thread nobody else replied to', async () => {
    const id = await project();
    await thread(id, reviewer);
    expect(await attempt(id, reviewer, (doc) => commentsMap(doc).delete('t1'))).toBe('stored');
    expect(await comments(id)).toEqual([]);
  });
});
