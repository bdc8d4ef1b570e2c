import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { buildServer, serverBundle, serverEnv, serverNodeFlags } from '../../scripts/buildServer.mjs';
import { adminEmail, adminPassword } from './testServer';

const root = path.resolve(import.meta.dirname, '../..');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Resolves when the process has exited. */
  exited: Promise<number | null>;
}

let bundled: Promise<void> | null = null;

/** The server as `npm start` runs it, in its own process, so a test can `kill -9` it. */
export async function spawnServer(
  dataDir: string,
  port: number,
  env: Record<string, string> = {},
  /** Extra Node flags (the benchmark's `--cpu-prof`, which NODE_OPTIONS refuses), after `npm start`'s: they may override them. */
  nodeFlags: string[] = [],
): Promise<ServerProcess> {
  // Rebuilt once per test process, so that it is never older than the sources.
  await (bundled ??= buildServer());
  const child = spawn(process.execPath, [...serverNodeFlags, ...nodeFlags, serverBundle], {
    cwd: root,
    env: {
      ...process.env,
      ...serverEnv,
      PORT: String(port),
      HOST: '127.0.0.1',
      PMP_DATA_DIR: dataDir,
      PMP_DEMO: '0',
      PMP_LOG_LEVEL: 'warn',
      PMP_BOOTSTRAP_ADMIN: `${adminEmail}:${adminPassword}`,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('prêt')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
  return { url: `http://127.0.0.1:${port}`, child, exited };
}

/** A JSON request to a spawned server, as a same-origin client would make it. */
export async function json(url: string, method: string, body?: unknown, cookie?: string) {
  const res = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { res, body: res.status === 204 ? null : await res.json() };
}

/** The bootstrap administrator's session on a spawned server, and one new project. */
export async function adminProject(url: string): Promise<{ cookie: string; projectId: string }> {
  const login = await json(`${url}/api/auth/login`, 'POST', { email: adminEmail, password: adminPassword });
  const cookie = login.res.headers.get('set-cookie')!.split(';')[0]!;
  const project = await json(`${url}/api/projects`, 'POST', { kind: 'PM', title: 'Projet médical' }, cookie);
  return { cookie, projectId: project.body.id as string };
}

/** A collaboration token for the project (tokens live in SQLite: they open a restarted server too). */
export async function collabToken(url: string, projectId: string, cookie: string): Promise<string> {
  return (await json(`${url}/api/projects/${projectId}/collab-token`, 'POST', undefined, cookie)).body.token as string;
}

/** Starts the server on one data directory and port, again at each call; each process goes into `started`, for the test to kill. */
export function serverOn(dataDir: string, port: number, env: Record<string, string>, started: ServerProcess[]): () => Promise<ServerProcess> {
  return async () => {
    const server = await spawnServer(dataDir, port, env);
    started.push(server);
    return server;
  };
}
