import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { serverEnv, serverNodeFlags } from '../../scripts/buildServer.mjs';
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
    const docxBytes = Buffer.from(await docx.arrayBuffer());
    expect(docxBytes.subarray(0, 2).toString('latin1')).toBe('PK');
    // Import converts with mammoth and happy-dom, bundled into the server.
    const imported = await fetch(`${server.url}/api/projects/${project.body.id}/imports?name=export.docx`, {
      method: 'POST',
      headers: { cookie, origin: server.url, 'content-type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
      body: new Uint8Array(docxBytes),
    });
    expect(imported.status).toBe(201);
  });

  it('takes its Chromium down with it when killed with SIGKILL (no orphan browser)', async () => {
    const browsers = childProcesses(server.child.pid!).filter((p) => /chrom/i.test(p.command));
    expect(browsers.length).toBe(1);
    server.child.kill('SIGKILL');
    await server.exited;
    const browserPid = browsers[0]!.pid;
    const deadline = Date.now() + 15_000;
    while (isRunning(browserPid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(isRunning(browserPid)).toBe(false);
  });

  it('is started by npm start with the environment and Node flags the tests and the benchmark start it with', () => {
    const pkg = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../../package.json'), 'utf8')) as { scripts: { start: string } };
    const command = pkg.scripts.start.split('&&').at(-1)!.trim().split(/\s+/);
    const environment = Object.entries(serverEnv).map(([name, value]) => `${name}=${value}`);
    expect(command).toEqual([...environment, 'node', ...serverNodeFlags, 'build/server.mjs']);
  });

  it('is pure ASCII, with the chunks it loads at start, so V8 holds their source (kept for the life of the process) one byte per character', () => {
    // spawnServer built it in the first test. A chunk is loaded at start when a loaded module imports it statically.
    const build = path.resolve(import.meta.dirname, '../../build');
    const loaded = new Set<string>();
    const next = ['server.mjs'];
    const outside: string[] = [];
    while (next.length) {
      const file = next.pop()!;
      if (loaded.has(file)) continue;
      loaded.add(file);
      const source = fs.readFileSync(path.join(build, file), 'utf8');
      for (const m of source.matchAll(/[^\x00-\x7f]/g)) outside.push(`${file}: ${source.slice(Math.max(0, m.index - 40), m.index + 1)}`);
      for (const m of source.matchAll(/(?:import|export)\s*(?:[\w*{},\s$]*from\s*)?"(\.\/[^"]+)"/g)) next.push(path.join(path.dirname(file), m[1]!));
    }
    expect([...loaded].some((file) => file.startsWith('chunks/'))).toBe(true);
    expect(outside).toEqual([]);
  });
});

/** The direct children of a process, from /proc (Linux). */
function childProcesses(parent: number): { pid: number; command: string }[] {
  const children: { pid: number; command: string }[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      // pid (comm) state ppid …: comm may hold spaces and parentheses, so read after the last ')'.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === parent) children.push({ pid: Number(entry), command: fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ') });
    } catch {
      /* the process ended while we read */
    }
  }
  return children;
}

/** True while the process exists and is not a zombie waiting for its parent. */
function isRunning(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}
