import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fragmentName } from '../../schemas/docLayout';
import { richTextLoaded } from '../../server/richText/runtime';
import { connectClient, synced, waitFor, type Client } from '../helpers/collabClient';
import { appendParagraph } from '../helpers/richText';
import { startTestServer, type TestServer } from '../helpers/testServer';

/**
 * Issue 23 (lean idle server): Tiptap and ProseMirror (about 6 MiB of RSS) are loaded on first
 * need. Signing in, creating users and projects, and typing — all a light-load day asks of the
 * server — never load them; the first request that needs them (here, freezing a version) loads
 * them and is served as before.
 */
let server: TestServer;
const opened: Client[] = [];

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  for (const c of opened) c.destroy();
  await server.close();
});

describe('Tiptap, on first need', () => {
  it('is not loaded by sign-in, users, projects, members, the collaboration token and typing; a version freeze loads it and works', async () => {
    const coordinator = await server.user('Dr Claire Martin');
    const editor = await server.user('Sophie Rédactrice');
    const id = (await server.api('POST', '/api/projects', { cookie: coordinator.cookie, body: { kind: 'PMP', title: 'PMP du GHT' } })).body.id as string;
    expect((await server.api('PUT', `/api/projects/${id}/members/${editor.id}`, { cookie: coordinator.cookie, body: { role: 'editor' } })).status).toBe(204);
    expect((await server.api('POST', `/api/projects/${id}/collab-token`, { cookie: editor.cookie })).status).toBe(201);
    const client = connectClient(server.url, id, { cookie: editor.cookie }, { reconnect: false });
    opened.push(client);
    await synced(client);
    appendParagraph(client.doc, 'filieres', 'Filière gériatrique : un parcours sans rupture');
    const live = () => server.deps.registry.get(id).doc.getXmlFragment(fragmentName('filieres')).toString();
    await waitFor(() => live().includes('sans rupture'), 5_000, 'the paragraph on the server');
    expect((await server.api('GET', `/api/projects/${id}`, { cookie: editor.cookie })).status).toBe(200);
    expect(richTextLoaded()).toBe(false);

    const frozen = await server.api('POST', `/api/projects/${id}/versions`, { cookie: coordinator.cookie, body: { label: 'Version 1' } });
    expect(frozen.status).toBe(201);
    expect(richTextLoaded()).toBe(true);
    const version = await server.api('GET', `/api/projects/${id}/versions/${frozen.body.id}`, { cookie: coordinator.cookie });
    expect(JSON.stringify(version.body)).toContain('un parcours sans rupture');
  });
});
