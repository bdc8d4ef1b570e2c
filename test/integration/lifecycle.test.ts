import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sectionPlainText } from '../../schemas/sectionText';
import { connectClient, synced, waitFor } from '../helpers/collabClient';
import { appendParagraph } from '../helpers/richText';
import { startTestServer, type TestServer } from '../helpers/testServer';

let server: TestServer;
let cookie: string;
let projectId: string;
const section = 'objectifs-medicaux';

beforeAll(async () => {
  server = await startTestServer({ docIdleMs: 150, compactEvery: 20 });
  cookie = (await server.user('Pcme')).cookie;
  projectId = (await server.api('POST', '/api/projects', { cookie, body: { kind: 'PM', title: 'PM' } })).body.id;
});
afterAll(() => server.close());

describe('document lifecycle', () => {
  it('compacts the update log into a snapshot as it grows, without losing text', async () => {
    const client = connectClient(server.url, projectId, { cookie });
    await synced(client);
    for (let i = 0; i < 45; i++) appendParagraph(client.doc, section, `paragraphe ${i}`);
    await waitFor(() => sectionPlainText(server.deps.registry.get(projectId).doc, section).split('\n').length === 45);
    // The background compactor folds the log behind the editors.
    await waitFor(() => server.deps.store.documents.pendingCount(projectId) < 20, 5000, 'background compaction');
    const { snapshot } = server.deps.store.documents.load(projectId);
    expect(snapshot).not.toBeNull();
    client.destroy();
  });

  it('unloads an idle document and loads it again on the next connection', async () => {
    await waitFor(() => !server.deps.registry.isLoaded(projectId), 5000, 'unload');
    expect(server.deps.store.documents.pendingCount(projectId)).toBe(0);
    const client = connectClient(server.url, projectId, { cookie });
    await synced(client);
    expect(server.deps.registry.isLoaded(projectId)).toBe(true);
    expect(sectionPlainText(client.doc, section).split('\n')).toHaveLength(45);
    client.destroy();
  });
});
