import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addReply, addThread, anchorInText, commentsMap } from '../../schemas/comments';
import { connectClient, synced, waitFor, type Client } from '../helpers/collabClient';
import { appendParagraph } from '../helpers/richText';
import { startSmtpListener, type SmtpListener } from '../helpers/smtpListener';
import { firstText } from '../helpers/suggestionText';
import { startTestServer, type TestServer } from '../helpers/testServer';

/** Issue 21: a mention in a comment notifies the project member in the application and by e-mail (a real SMTP listener). */
let smtp: SmtpListener;
let server: TestServer;
type Person = { id: string; email: string; cookie: string };
let coordinator: Person;
let editor: Person;
let reviewer: Person;
let outsider: Person;
const opened: Client[] = [];

const notifications = async (person: Person) =>
  (await server.api('GET', '/api/notifications', { cookie: person.cookie })).body as { kind: string; title: string; body: string; projectId: string }[];

beforeAll(async () => {
  smtp = await startSmtpListener();
  server = await startTestServer({ smtpUrl: smtp.url, publicUrl: 'https://pmp.ght-test.fr' });
  coordinator = await server.user('Dr Claire Martin');
  editor = await server.user('Sophie Rédactrice');
  reviewer = await server.user('Pr Paul Relecteur');
  outsider = await server.user('Marc Étranger');
});
afterAll(async () => {
  for (const c of opened) c.destroy();
  await server.close();
  await smtp.close();
});

describe('mentions', () => {
  it('notify a mentioned member once, in the application and by e-mail; never a non-member nor the author', async () => {
    const id = (await server.api('POST', '/api/projects', { cookie: coordinator.cookie, body: { kind: 'PM', title: 'PM du GHT Nord' } })).body.id as string;
    for (const [user, role] of [
      [editor, 'editor'],
      [reviewer, 'reviewer'],
    ] as const) {
      await server.api('PUT', `/api/projects/${id}/members/${user.id}`, { cookie: coordinator.cookie, body: { role } });
    }
    server.deps.registry.get(id).change((doc) => appendParagraph(doc, 'volet-palliatif', 'Le territoire compte trois hôpitaux.'));
    const author = connectClient(server.url, id, { cookie: reviewer.cookie });
    opened.push(author);
    await synced(author);
    author.doc.transact(() =>
      addThread(author.doc, {
        id: 'pall-1',
        authorId: reviewer.id,
        body: '@Sophie Rédactrice pouvez-vous préciser les trois hôpitaux ?',
        mentions: [editor.id, outsider.id, reviewer.id],
        sectionId: 'volet-palliatif',
        anchor: anchorInText(firstText(author.doc, 'volet-palliatif'), 21, 35),
      }),
    );
    await waitFor(() => smtp.mails.some((m) => m.to.includes(editor.email)), 10_000, 'the e-mail');
    const [notification] = await notifications(editor);
    expect(notification).toMatchObject({ kind: 'mention', projectId: id, title: 'Pr Paul Relecteur vous mentionne dans « PM du GHT Nord »' });
    expect(notification!.body).toContain('pouvez-vous préciser les trois hôpitaux');
    const mail = smtp.mails.find((m) => m.to.includes(editor.email))!;
    expect(mail.subject).toContain('Pr Paul Relecteur vous mentionne');
    expect(mail.text).toContain('pouvez-vous préciser');
    // The body edited afterwards, and a reply that mentions nobody: no second notice.
    author.doc.transact(() => {
      commentsMap(author.doc).get('pall-1')!.set('body', '@Sophie Rédactrice lesquels ?');
      addReply(author.doc, 'pall-1', { id: 'r-1', authorId: reviewer.id, body: 'Merci.', mentions: [] });
    });
    await waitFor(() => (commentsMap(server.deps.registry.get(id).doc).get('pall-1')?.get('replies') as { length: number }).length === 1);
    await new Promise((r) => setTimeout(r, 300));
    expect((await notifications(editor)).filter((n) => n.kind === 'mention')).toHaveLength(1);
    expect(smtp.mails.filter((m) => m.to.includes(editor.email))).toHaveLength(1);
    expect(await notifications(outsider)).toEqual([]);
    expect(await notifications(reviewer)).toEqual([]);
    expect(smtp.mails.some((m) => m.to.includes(outsider.email) || m.to.includes(reviewer.email))).toBe(false);
  });
});
