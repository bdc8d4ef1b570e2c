import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProject, daysAgo, freeze, recordAct, writeSection } from '../helpers/exportFixtures';
import { startTestServer, tempDir, type TestServer } from '../helpers/testServer';

// Issue 16, the low findings of item 8 (other than ICS and the acts' 403/404).
let server: TestServer;
let projectId: string;
let organisationId: string;
let instanceId: string;

const linked = (href: string, text: string) => ({ type: 'text', text, marks: [{ type: 'link', attrs: { href } }] });
const paragraph = {
  type: 'paragraph',
  content: [
    linked('javascript:alert(document.cookie)', 'script'),
    linked('data:text/html;base64,PHNjcmlwdD4=', 'données'),
    linked('file:///etc/passwd', 'fichier'),
    linked('https://www.legifrance.gouv.fr/', 'Légifrance'),
    linked('mailto:cme@chu.fr', 'écrire'),
  ],
};
const hrefsIn = (value: unknown): string[] => {
  const out: string[] = [];
  JSON.stringify(value, (key, v) => {
    if (key === 'href' && typeof v === 'string') out.push(v);
    return v;
  });
  return out;
};

beforeAll(async () => {
  server = await startTestServer();
  organisationId = server.deps.store.organisations.create({ name: 'CH Durci', kind: 'etablissement' });
  projectId = await createProject(server, server.adminCookie, { kind: 'PM', title: 'PM durci', organisationId });
  instanceId = (await server.api('POST', '/api/instances', { cookie: server.adminCookie, body: { organisationId, kind: 'CME', name: 'CME' } })).body.id;
});
afterAll(() => server.close());

describe('link schemes', () => {
  it('a frozen version’s content and an act’s pvExtract carry only http(s) and mailto links', async () => {
    writeSection(server, projectId, 'objectifs-medicaux', [paragraph]);
    const version = await freeze(server, projectId, 'Version aux liens');
    const content = (await server.api('GET', `/api/projects/${projectId}/versions/${version.id}`, { cookie: server.adminCookie })).body.content;
    const section = content.sections.find((s: { id: string }) => s.id === 'objectifs-medicaux');
    expect(hrefsIn(section.text)).toEqual(['https://www.legifrance.gouv.fr/', 'mailto:cme@chu.fr']);
    expect(JSON.stringify(section.text)).toContain('script');

    await recordAct(server, {
      instanceId,
      date: daysAgo(1),
      projectId,
      versionId: version.id,
      kind: 'presentation',
      pvExtract: { type: 'doc', content: [paragraph] },
    });
    for (const url of [`/api/projects/${projectId}/acts`, `/api/projects/${projectId}/timeline`]) {
      const body = (await server.api('GET', url, { cookie: server.adminCookie })).body;
      expect(hrefsIn(body)).toEqual(['https://www.legifrance.gouv.fr/', 'mailto:cme@chu.fr']);
    }
  });
});

describe('files and headers', () => {
  const modes = (dir: string) =>
    Object.fromEntries(
      ['pmp.sqlite', 'pmp.sqlite-wal', 'pmp.sqlite-shm', 'pmp.journal']
        .filter((f) => fs.existsSync(path.join(dir, f)))
        .map((f) => [f, (fs.statSync(path.join(dir, f)).mode & 0o777).toString(8)]),
    );

  it('the database, its WAL and shared memory, and the update journal are 0600; older 0644 files are narrowed', async () => {
    expect(modes(server.dataDir)).toEqual({ 'pmp.sqlite': '600', 'pmp.sqlite-wal': '600', 'pmp.sqlite-shm': '600', 'pmp.journal': '600' });
    const dir = tempDir();
    const first = await startTestServer({ dataDir: dir });
    await first.close();
    for (const f of ['pmp.sqlite', 'pmp.journal']) fs.chmodSync(path.join(dir, f), 0o644);
    const again = await startTestServer({ dataDir: dir });
    try {
      expect(Object.values(modes(dir)).every((m) => m === '600')).toBe(true);
    } finally {
      await again.close();
    }
  });

  it('API answers say Cache-Control: no-store, errors included', async () => {
    for (const [method, url] of [
      ['GET', '/api/me'],
      ['GET', '/api/projects'],
      ['GET', `/api/projects/${projectId}`],
      ['GET', '/api/nothing-here'],
    ]) {
      const res = await server.api(method!, url!, { cookie: server.adminCookie });
      expect(res.headers.get('cache-control')).toBe('no-store');
    }
    expect((await server.api('GET', '/api/me')).headers.get('cache-control')).toBe('no-store');
  });

  it('the session cookie is Secure when PMP_PUBLIC_URL is https', async () => {
    const https = await startTestServer({ publicUrl: 'https://pmp.ght-test.fr', cookieSecure: false });
    try {
      const res = await https.api('POST', '/api/auth/login', { body: { email: 'admin@test.fr', password: 'admin-password-1' } });
      expect(res.headers.get('set-cookie')).toMatch(/; Secure/);
    } finally {
      await https.close();
    }
    const plain = await server.api('POST', '/api/auth/login', { body: { email: 'admin@test.fr', password: 'admin-password-1' } });
    expect(plain.headers.get('set-cookie')).not.toMatch(/Secure/);
  });
});

describe('séance documents', () => {
  it('a file name’s extension must match its media type', async () => {
    const seance = (await server.api('POST', '/api/seances', { cookie: server.adminCookie, body: { instanceId, date: daysAgo(2) } })).body.id;
    const pdf = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
    const upload = (name: string) =>
      fetch(`${server.url}/api/seances/${seance}/documents?name=${encodeURIComponent(name)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/pdf', cookie: server.adminCookie, origin: server.url },
        body: pdf,
      }).then(async (r) => ({ status: r.status, body: await r.json() }));
    const html = await upload('convocation.html');
    expect(html.status).toBe(400);
    expect(html.body.error.fields).toEqual([{ path: 'name', message: 'L’extension « .html » ne correspond pas au type du fichier : attendu « .pdf ».' }]);
    expect((await upload('PV.pdf.html')).status).toBe(400);
    const spoofed = await upload('PV\u202Elmth.pdf');
    expect(spoofed.status).toBe(400);
    expect(spoofed.body.error.fields[0].path).toBe('name');
    expect((await upload('Ordre du jour 12.03')).body.name).toBe('Ordre du jour 12.03.pdf');
    expect((await upload('PV CME.PDF')).body.name).toBe('PV CME.PDF');
  });
});

describe('audit of section coordination', () => {
  it('locks, unlocks, assignments and due dates are audited with before and after', async () => {
    const me = (await server.api('GET', '/api/me', { cookie: server.adminCookie })).body;
    const patch = (body: object) => server.api('PATCH', `/api/projects/${projectId}/sections/volet-palliatif`, { cookie: server.adminCookie, body });
    expect((await patch({ assignees: [me.id], dueDate: '2031-01-15' })).status).toBe(204);
    expect((await patch({ locked: true })).status).toBe(204);
    expect((await patch({ locked: false, assignees: [] })).status).toBe(204);
    expect((await patch({ status: 'en_cours' })).status).toBe(204);
    const audit = (await server.api('GET', `/api/projects/${projectId}/audit`, { cookie: server.adminCookie })).body.filter((e: { action: string }) =>
      e.action.startsWith('section.'),
    );
    expect(audit.map((e: any) => [e.action, e.subject, e.details])).toEqual([
      ['section.assign', expect.anything(), expect.objectContaining({ from: [], to: [me.id], toNames: [me.name] })],
      ['section.due_date', expect.anything(), expect.objectContaining({ from: null, to: '2031-01-15' })],
      ['section.lock', expect.anything(), expect.objectContaining({ section: expect.any(String) })],
      ['section.unlock', expect.anything(), expect.anything()],
      ['section.assign', expect.anything(), expect.objectContaining({ from: [me.id], to: [] })],
    ]);
  });
});
