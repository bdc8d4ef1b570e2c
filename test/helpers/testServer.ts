import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer, type RunningServer } from '../../server/app';
import { loadConfig, type Config } from '../../server/config';

export const adminEmail = 'admin@test.fr';
export const adminPassword = 'admin-password-1';

export function tempDir(prefix = 'pmp-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export interface TestServer extends RunningServer {
  dataDir: string;
  /** JSON request as a same-origin browser client would make it. */
  api(
    method: string,
    url: string,
    options?: { body?: unknown; cookie?: string; headers?: Record<string, string> },
  ): Promise<{ status: number; body: any; headers: Headers }>;
  login(email: string, password: string): Promise<string>;
  /** Creates a user through the API (as admin) and returns its id and session cookie. */
  user(name: string): Promise<{ id: string; email: string; cookie: string }>;
  adminCookie: string;
}

/** The real server on a free port, with its own SQLite file. */
export async function startTestServer(overrides: Partial<Config> = {}): Promise<TestServer> {
  const dataDir = overrides.dataDir ?? tempDir();
  const config: Config = {
    ...loadConfig({}),
    port: 0,
    host: '127.0.0.1',
    dataDir,
    demo: false,
    logLevel: 'silent',
    bootstrapAdmin: { email: adminEmail, password: adminPassword },
    ...overrides,
  };
  const running = await startServer(config);
  const api: TestServer['api'] = async (method, url, options = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.cookie) headers.cookie = options.cookie;
    if (!('content-type' in headers)) headers['content-type'] = 'application/json';
    const res = await fetch(running.url + url, {
      method,
      headers,
      body: options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body),
    });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON: keep the text */
    }
    return { status: res.status, body, headers: res.headers };
  };
  const login = async (email: string, password: string): Promise<string> => {
    const res = await api('POST', '/api/auth/login', { body: { email, password } });
    if (res.status !== 200) throw new Error(`login ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.headers.get('set-cookie')!.split(';')[0]!;
  };
  const adminCookie = await login(adminEmail, adminPassword);
  let counter = 0;
  const user: TestServer['user'] = async (name) => {
    const email = `${name.toLowerCase().replace(/[^a-z0-9]/g, '')}.${++counter}@test.fr`;
    const password = `password-of-${name}`;
    const res = await api('POST', '/api/users', { cookie: adminCookie, body: { email, name, password } });
    if (res.status !== 201) throw new Error(`create user failed: ${res.status} ${JSON.stringify(res.body)}`);
    return { id: res.body.id, email, cookie: await login(email, password) };
  };
  return { ...running, dataDir, api, login, user, adminCookie };
}
