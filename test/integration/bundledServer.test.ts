import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { serverNodeFlags } from '../../scripts/buildServer.mjs';
import { freePort, json, spawnServer, type ServerProcess } from '../helpers/serverProcess';
import { adminEmail, adminPassword, tempDir } from '../helpers/testServer';

// `npm start` runs build/server.mjs: one module in another folder than the sources, so the
// files the server reads at run time must be found from the project root, not from the module.
let server: ServerProcess;

afterAll(() => server?.child.kill('SIGKILL'));

describe('the bundled server (npm start)', () => {
  it('serves the built editor and exports a PDF from the export templates, and a DOCX from its worker thread', async () => {
    server = await spawnServer(tempDir(), await freePort());
    const page = await fetch(`${server.url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toBe(fs.readFileSync(path.resolve(import.meta.dirname, '../../editor/dist/index.html'), 'utf8'));

    const login = await json(`${server.url}/api/auth/login`, 'POST', { email: adminEmail, password: adminPassword });
    const cookie = login.res.headers.get('set-cookie')!.split(';')[0]!;
    const project = await json(`${server.url}/api/projects`, 'POST', { kind: 'PM', title: 'Projet médical du CH de Corbeil' }, cookie);
    const pdf = await fetch(`${server.url}/api/projects/${project.body.id}/export.pdf`, { headers: { cookie } });
    expect(pdf.status).toBe(200);
    const bytes = Buffer.from(await pdf.arrayBuffer());
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // The DOCX is rendered in a worker thread: build/docxWorker.mjs, bundled next to the server.
    const docx = await fetch(`${server.url}/api/projects/${project.body.id}/export.docx`, { headers: { cookie } });
    expect(docx.status).toBe(200);
    expect(Buffer.from(await docx.arrayBuffer()).subarray(0, 2).toString('latin1')).toBe('PK');
  });

  it('is started by npm start with the Node flags the tests and the benchmark start it with', () => {
    const pkg = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../../package.json'), 'utf8')) as { scripts: { start: string } };
    const command = pkg.scripts.start.split('&&').at(-1)!.trim().split(/\s+/);
    expect(command).toEqual(['node', ...serverNodeFlags, 'build/server.mjs']);
  });
});
