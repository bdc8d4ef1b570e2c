import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sectionPlainText } from '../../schemas/sectionText';
import { connectClient, synced, waitFor, type Client } from '../helpers/collabClient';
import { appendParagraph } from '../helpers/richText';
import { startTestServer, tempDir, type TestServer } from '../helpers/testServer';

/**
 * Issue 23, GET /metrics: Prometheus text for an administrator or a scraper holding
 * PMP_METRICS_TOKEN, nothing for anyone else; the figures follow what the server does.
 */
const token = 'jeton-de-supervision-0123456789';
let server: TestServer;
const clients: Client[] = [];

beforeAll(async () => {
  server = await startTestServer({ metricsToken: token, backup: { dir: tempDir('pmp-backups-'), intervalMs: 3_600_000, keep: 3 } });
});
afterAll(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await server?.close();
});

const scrape = (headers: Record<string, string>) => fetch(`${server.url}/metrics`, { headers });
/** The value of one series (first match: the name, then each label given) in Prometheus text. */
const value = (text: string, series: string, ...labels: string[]): number | undefined => {
  const line = text.split('\n').find((l) => l.startsWith(series) && labels.every((label) => l.includes(label)));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
};

describe('GET /metrics', () => {
  it('refuses anyone without an administrator session or the token', async () => {
    expect((await scrape({})).status).toBe(401);
    expect((await scrape({ authorization: 'Bearer mauvais-jeton-0123456789' })).status).toBe(401);
    expect((await scrape({ authorization: `Bearer ${token}x` })).status).toBe(401);
    const member = await server.user('Rédactrice');
    const refused = await scrape({ cookie: member.cookie });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toContain('administrateurs');
  });

  it('gives loaded documents, connections, updates, journal lag, exports, disk and backup age', async () => {
    const project = await server.api('POST', '/api/projects', { cookie: server.adminCookie, body: { kind: 'PM', title: 'Projet médical' } });
    const collabToken = async () =>
      (await server.api('POST', `/api/projects/${project.body.id}/collab-token`, { cookie: server.adminCookie })).body.token as string;
    const before = await (await scrape({ authorization: `Bearer ${token}` })).text();
    expect(value(before, 'pmp_backup_age_seconds')).toBeUndefined();

    const writer = connectClient(server.url, project.body.id, { token: await collabToken() });
    const reader = connectClient(server.url, project.body.id, { token: await collabToken() });
    clients.push(writer, reader);
    await Promise.all([synced(writer), synced(reader)]);
    for (let i = 0; i < 20; i++) appendParagraph(writer.doc, 'objectifs-medicaux', `ligne ${i}`);
    await waitFor(() => sectionPlainText(reader.doc, 'objectifs-medicaux').includes('ligne 19'));
    expect((await server.backups!.runNow()).ok).toBe(true);

    const res = await scrape({ cookie: server.adminCookie });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(text).toContain('# TYPE pmp_updates_total counter');
    expect(value(text, 'pmp_loaded_documents{')).toBeGreaterThanOrEqual(1);
    expect(value(text, 'pmp_collab_connections{')).toBe(2);
    expect(value(text, 'pmp_updates_total{')! - (value(before, 'pmp_updates_total{') ?? 0)).toBeGreaterThanOrEqual(20);
    expect(value(text, 'pmp_updates_per_second{')).toBeGreaterThan(0);
    expect(value(text, 'pmp_journal_pending_updates{')).toBeGreaterThanOrEqual(0);
    expect(value(text, 'pmp_journal_lag_seconds{')).toBeLessThan(5);
    expect(value(text, 'pmp_export_jobs{', 'format="pdf"', 'state="queued"')).toBe(0);
    expect(value(text, 'pmp_disk_free_bytes{')).toBeGreaterThan(0);
    expect(value(text, 'pmp_backup_age_seconds{')).toBeLessThan(60);
  }, 60_000);

  it('leaves /api/health as it was: cheap, without authentication', async () => {
    const res = await fetch(`${server.url}/api/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok' });
  });
});
