import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../helpers/collabClient';
import { probeHealth } from '../helpers/healthProbe';
import { createGht, createProject, download, fillProject } from '../helpers/exportFixtures';
import { startTestServer, type TestServer } from '../helpers/testServer';

/**
 * Exports one user cannot monopolise (issue 16, finding 5): one user holding 12 PDF requests
 * filled the slot and the line, so everyone else got 503; 8 DOCX exports rendered on the
 * serving thread delayed /api/health by 5.3 s.
 */
let server: TestServer;
/** About 40 pages: a PDF export runs for a second or more, long enough to be caught running. */
let longProject: string;
/** About 200 pages: each DOCX takes half a second of CPU. */
let veryLongProject: string;
const users: { id: string; cookie: string }[] = [];

const exportUrl = (projectId: string, format: 'pdf' | 'docx') => `/api/projects/${projectId}/export.${format}`;

beforeAll(async () => {
  server = await startTestServer();
  const { ght } = createGht(server);
  longProject = await createProject(server, server.adminCookie, { title: 'Projet médical partagé 2026–2030', organisationId: ght });
  veryLongProject = await createProject(server, server.adminCookie, { title: 'Projet médical partagé 2026–2030 (version longue)', organisationId: ght });
  fillProject(server, longProject, 40);
  fillProject(server, veryLongProject, 200);
  for (let i = 0; i < 8; i++) {
    const user = await server.user(`Lecteur ${i + 1}`);
    for (const projectId of [longProject, veryLongProject]) {
      await server.api('PUT', `/api/projects/${projectId}/members/${user.id}`, { cookie: server.adminCookie, body: { role: 'reader' } });
    }
    users.push(user);
  }
}, 60_000);
afterAll(() => server.close());

describe('exports one user cannot monopolise', () => {
  it('runs one PDF per user at a time: the next is refused at once (429, Retry-After, French), and another user still gets a place', async () => {
    const [hoarder, other] = [users[0]!, users[1]!];
    const first = download(server, exportUrl(longProject, 'pdf'), hoarder.cookie);
    await waitFor(() => server.deps.pdf.stats().active === 1, 10_000, 'the first PDF export running');
    const extra = await Promise.all([1, 2, 3].map(() => server.api('GET', exportUrl(longProject, 'pdf'), { cookie: hoarder.cookie })));
    for (const res of extra) {
      expect(res.status).toBe(429);
      expect(res.body.error.code).toBe('export_in_progress');
      expect(res.body.error.message).toMatch(/export PDF que vous avez demandé est déjà en cours/);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    expect(server.deps.pdf.stats().queued).toBe(0);
    // Someone else waits in the line (not refused), and the hoarder's DOCX is another format.
    const [otherPdf, hoarderDocx, done] = await Promise.all([
      download(server, exportUrl(longProject, 'pdf'), other.cookie),
      download(server, exportUrl(longProject, 'docx'), hoarder.cookie),
      first,
    ]);
    expect([otherPdf.status, hoarderDocx.status, done.status]).toEqual([200, 200, 200]);
    // Once the first is done, the same user may export again.
    expect((await download(server, exportUrl(longProject, 'pdf'), hoarder.cookie)).status).toBe(200);
  }, 60_000);

  it('runs one DOCX per user at a time; a DOCX whose client leaves is stopped and frees the place', async () => {
    const exportDocx = () => download(server, exportUrl(veryLongProject, 'docx'), users[2]!.cookie);
    const [a, b] = await Promise.all([exportDocx(), exportDocx()]);
    expect([a.status, b.status].sort()).toEqual([200, 429]);
    expect((a.status === 429 ? a : b).json.error.message).toMatch(/export DOCX que vous avez demandé est déjà en cours/);

    const aborted = server.deps.docx.stats().aborted;
    const client = new AbortController();
    const leaving = fetch(server.url + exportUrl(veryLongProject, 'docx'), { headers: { cookie: users[2]!.cookie }, signal: client.signal }).catch(() => null);
    await waitFor(() => server.deps.docx.stats().active === 1, 10_000, 'the DOCX export running');
    client.abort();
    await leaving;
    await waitFor(() => server.deps.docx.stats().aborted === aborted + 1 && server.deps.docx.stats().active === 0, 10_000, 'the DOCX export stopped');
    expect((await exportDocx()).status).toBe(200);
  }, 30_000);

  it('renders DOCX off the serving thread, through the bounded line: /api/health answers quickly while several run', async () => {
    const probe = await probeHealth(server.url);
    const clients = users.map(() => new AbortController());
    const exports = users.map((u, i) =>
      fetch(server.url + exportUrl(veryLongProject, 'docx'), { headers: { cookie: u.cookie }, signal: clients[i]!.signal })
        .then(async (res) => ({ status: res.status, data: Buffer.from(await res.arrayBuffer()) }))
        .catch(() => null),
    );
    // Measured from the burst of eight requests until the first DOCX is ready; the others then
    // leave (their exports are stopped), which keeps the test short.
    const first = await Promise.race(exports);
    const status = (await server.api('GET', '/api/exports/status', { cookie: server.adminCookie })).body;
    const answers = await probe.stop();
    for (const client of clients) client.abort();
    await Promise.all(exports);

    expect(first?.status).toBe(200);
    expect(first?.data.subarray(0, 2).toString('latin1')).toBe('PK');
    // Built and rendered on the serving thread, these eight held it for 1.5–6 s here (5.3 s in
    // the report); now only the Y.Doc states are encoded on it (under 100 ms on an idle machine).
    expect(Math.max(...answers.map((a) => a.ms))).toBeLessThan(1000);
    expect(answers.length).toBeGreaterThan(2);
    expect(answers.every((a) => a.status === 200)).toBe(true);
    // One DOCX at a time (PMP_EXPORT_DOCX_CONCURRENCY), the others wait in the line.
    expect(status.docx).toMatchObject({ active: 1 });
    expect(status.docx.queued).toBeGreaterThan(0);
    await waitFor(() => server.deps.docx.stats().active === 0 && server.deps.docx.stats().queued === 0, 10_000, 'the line emptied');
  }, 60_000);
});

describe('export size limit', () => {
  let small: TestServer;
  afterAll(() => small?.close());

  it('refuses a document over PMP_EXPORT_MAX_BYTES with 413 and a French sentence, in both formats', async () => {
    small = await startTestServer({ exportMaxBytes: 64 * 1024 });
    const { ght } = createGht(small);
    const short = await createProject(small, small.adminCookie, { title: 'Projet médical court', organisationId: ght });
    const long = await createProject(small, small.adminCookie, { title: 'Projet médical long', organisationId: ght });
    fillProject(small, long, 30);
    for (const format of ['pdf', 'docx'] as const) {
      const res = await small.api('GET', exportUrl(long, format), { cookie: small.adminCookie });
      expect(res.status).toBe(413);
      expect(res.body.error).toMatchObject({ code: 'export_too_large', maxBytes: 64 * 1024 });
      expect(res.body.error.message).toMatch(/^Le document est trop volumineux pour être exporté : [\d,]+ Mo de contenu pour une limite de 0,1 Mo\./);
      expect((await download(small, exportUrl(short, format), small.adminCookie)).status).toBe(200);
    }
  }, 60_000);
});
