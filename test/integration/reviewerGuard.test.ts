import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { fragmentName } from '../../schemas/docLayout';
import { sectionPlainText } from '../../schemas/sectionText';
import { addObjectif } from '../../schemas/structuredEdits';
import { listSuggestions } from '../../schemas/suggestions';
import { waitFor } from '../helpers/collabClient';
import { openHostile, type HostileClient } from '../helpers/hostileClient';
import { appendParagraph } from '../helpers/richText';
import { fingerprint, firstText, suggestion } from '../helpers/suggestionText';
import { startTestServer, type TestServer } from '../helpers/testServer';

/**
 * Issue 21: a reviewer (relecteur) comments and suggests, never edits. Each attack is a
 * hand-built update sent through a real WebSocket to the real server; a refused update closes
 * the socket (4403) and nothing of it is stored.
 */
let server: TestServer;
let coordinator: { id: string; cookie: string };
let reviewer: { id: string; cookie: string };
let editor: { id: string; cookie: string };
const opened: HostileClient[] = [];

const docOf = (projectId: string) => server.deps.registry.get(projectId).doc;

async function hostile(projectId: string, cookie: string): Promise<HostileClient> {
  const client = await openHostile(server.url, projectId, cookie, Y.encodeStateAsUpdate(docOf(projectId)));
  opened.push(client);
  return client;
}

/** A PM whose diagnostic reads "Le territoire compte trois hôpitaux.", written by an editor. */
async function project(): Promise<string> {
  const id = (await server.api('POST', '/api/projects', { cookie: coordinator.cookie, body: { kind: 'PM', title: 'PM relu' } })).body.id as string;
  for (const [user, role] of [
    [reviewer, 'reviewer'],
    [editor, 'editor'],
  ] as const) {
    expect((await server.api('PUT', `/api/projects/${id}/members/${user.id}`, { cookie: coordinator.cookie, body: { role } })).status).toBe(204);
  }
  const writer = await hostile(id, editor.cookie);
  writer.send(writer.change((doc) => appendParagraph(doc, 'diagnostic', 'Le territoire compte trois hôpitaux.')));
  await waitFor(() => sectionPlainText(docOf(id), 'diagnostic') === 'Le territoire compte trois hôpitaux.');
  writer.ws.close();
  return id;
}

/** Sends a reviewer's change and waits for it to be stored, or for the socket to close. */
async function reviewerSends(id: string, mutate: (doc: Y.Doc) => void): Promise<'stored' | 'nothing' | number> {
  const client = await hostile(id, reviewer.cookie);
  const before = fingerprint(docOf(id));
  client.send(client.change(mutate));
  const outcome = await Promise.race([
    client.closed,
    waitFor(() => fingerprint(docOf(id)) !== before, 5000).then(
      () => 'stored' as const,
      () => 'nothing' as const,
    ),
  ]);
  client.ws.terminate();
  return outcome;
}

beforeAll(async () => {
  server = await startTestServer();
  coordinator = await server.user('Dr Claire Martin');
  reviewer = await server.user('Pr Paul Relecteur');
  editor = await server.user('Sophie Rédactrice');
});
afterAll(async () => {
  for (const c of opened) c.ws.terminate();
  await server.close();
});

describe('the reviewer role', () => {
  it('is accepted by PUT /members/:userId and listed', async () => {
    const id = await project();
    const members = (await server.api('GET', `/api/projects/${id}/members`, { cookie: coordinator.cookie })).body as { id: string; role: string }[];
    expect(members.find((m) => m.id === reviewer.id)?.role).toBe('reviewer');
    const bad = await server.api('PUT', `/api/projects/${id}/members/${reviewer.id}`, { cookie: coordinator.cookie, body: { role: 'relecteur' } });
    expect(bad.status).toBe(400);
  });

  it('refuses (4403) every direct edit, and stores nothing of it', async () => {
    const id = await project();
    const before = fingerprint(docOf(id));
    const attacks: [string, (doc: Y.Doc) => void][] = [
      ['a new paragraph', (doc) => appendParagraph(doc, 'diagnostic', 'Texte ajouté sans suggestion.')],
      ['text typed without a suggestion mark', (doc) => firstText(doc, 'diagnostic').insert(3, 'grand ')],
      [
        'text typed just after an own suggestion',
        (doc) => {
          const text = firstText(doc, 'diagnostic');
          text.insert(3, 'grand ', { suggestionInsert: suggestion(reviewer.id) });
          text.insert(9, 'très ', {});
        },
      ],
      ['text deleted', (doc) => firstText(doc, 'diagnostic').delete(0, 3)],
      ['base text made bold', (doc) => firstText(doc, 'diagnostic').format(0, 2, { bold: {} })],
      ['a suggestion signed by someone else', (doc) => firstText(doc, 'diagnostic').insert(3, 'grand ', { suggestionInsert: suggestion(editor.id) })],
      ['a deletion signed by someone else', (doc) => firstText(doc, 'diagnostic').format(0, 3, { suggestionDelete: suggestion(coordinator.id) })],
      ['a structured record', (doc) => addObjectif(doc, 'objectifs-medicaux', 'axe', 'Axe du relecteur')],
      [
        'the paragraph replaced by a heading',
        (doc) => {
          const fragment = doc.getXmlFragment(fragmentName('diagnostic'));
          fragment.delete(0, 1);
          const heading = new Y.XmlElement('heading');
          heading.setAttribute('level', '2');
          heading.insert(0, [new Y.XmlText('Le territoire compte trois hôpitaux.')]);
          fragment.insert(0, [heading]);
        },
      ],
    ];
    for (const [what, attack] of attacks) expect(await reviewerSends(id, attack), what).toBe(4403);
    expect(fingerprint(docOf(id)), 'nothing stored').toBe(before);
    expect(sectionPlainText(docOf(id), 'diagnostic')).toBe('Le territoire compte trois hôpitaux.');
  });

  it('lets a reviewer suggest an insertion and a deletion signed with their own id, and take back their own', async () => {
    const id = await project();
    const insertion = suggestion(reviewer.id, 'ins-1');
    expect(await reviewerSends(id, (doc) => firstText(doc, 'diagnostic').insert(21, 'au moins ', { suggestionInsert: insertion }))).toBe('stored');
    expect(await reviewerSends(id, (doc) => firstText(doc, 'diagnostic').format(0, 13, { suggestionDelete: suggestion(reviewer.id, 'del-1') }))).toBe('stored');
    expect(listSuggestions(docOf(id), ['diagnostic'])).toEqual([
      expect.objectContaining({ id: 'del-1', kind: 'delete', authorId: reviewer.id, text: 'Le territoire' }),
      expect.objectContaining({ id: 'ins-1', kind: 'insert', authorId: reviewer.id, text: 'au moins ' }),
    ]);
    // Typing inside their own insertion, and taking back their own deletion, are theirs to do.
    expect(await reviewerSends(id, (doc) => firstText(doc, 'diagnostic').insert(24, 'x', { suggestionInsert: insertion }))).toBe('stored');
    expect(await reviewerSends(id, (doc) => firstText(doc, 'diagnostic').format(0, 13, { suggestionDelete: null }))).toBe('stored');
    expect(listSuggestions(docOf(id), ['diagnostic']).map((s) => [s.id, s.text])).toEqual([['ins-1', 'au xmoins ']]);
  });

  it('refuses a reviewer’s change to someone else’s suggestion', async () => {
    const id = await project();
    const writer = await hostile(id, editor.cookie);
    writer.send(writer.change((doc) => firstText(doc, 'diagnostic').insert(21, 'au moins ', { suggestionInsert: suggestion(editor.id, 'ed-1') })));
    await waitFor(() => listSuggestions(docOf(id), ['diagnostic']).length === 1);
    expect(await reviewerSends(id, (doc) => firstText(doc, 'diagnostic').delete(21, 9)), 'rejected').toBe(4403);
    expect(await reviewerSends(id, (doc) => firstText(doc, 'diagnostic').format(21, 9, { suggestionInsert: null })), 'accepted').toBe(4403);
    expect(listSuggestions(docOf(id), ['diagnostic']).map((s) => s.id)).toEqual(['ed-1']);
  });
});
