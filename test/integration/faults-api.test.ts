import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { limits } from '../../schemas/limits';
import { createHttpApp } from '../../server/http/app';
import { sectionPlainText } from '../../schemas/sectionText';
import { connectClient, synced, waitFor } from '../helpers/collabClient';
import { appendParagraph } from '../helpers/richText';
import { listRoutes, type RouteInfo } from '../helpers/routes';
import { adminEmail, adminPassword, startTestServer, type TestServer } from '../helpers/testServer';

/**
 * Bad input on every route of the API, enumerated from the Express app itself so routes added
 * later are covered without editing this test: invalid JSON, JSON of the wrong shape, hostile
 * path parameters, oversized and mistyped bodies. Never a 5xx, always the documented error
 * shape, and the server keeps serving.
 */
let server: TestServer;
let routes: RouteInfo[];
let projectId: string;
let adminCookie: string;

const mutating = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const hostileParams = [
  '%00',
  '..%2F..%2Fetc%2Fpasswd',
  'a'.repeat(2_000),
  '%E0%A4%A',
  '__proto__',
  'constructor',
  '-1',
  '9'.repeat(40),
  encodeURIComponent("'; DROP TABLE projects;--"),
  '%F0%9F%92%A9',
  'null',
  '%20',
];
const poison = {
  kind: 42,
  title: ['x'],
  name: {},
  email: 12,
  password: true,
  role: 7,
  organisationId: [],
  status: { $ne: 1 },
  date: 'pas une date',
  startsAt: -1,
  label: null,
  userId: 3.5,
  sectionId: false,
  locked: 'oui',
  items: 'x',
  text: { a: [] },
};
/** `parser`: refused by the JSON body parser on any method; others only matter to state-changing routes. */
const bodies: { what: string; body: string; type?: string; parser?: true; expect?: { status: number; code: string } }[] = [
  { what: 'invalid JSON', body: '{"titre": ', parser: true, expect: { status: 400, code: 'invalid_json' } },
  { what: 'number', body: '42', parser: true, expect: { status: 400, code: 'invalid_json' } },
  { what: 'null', body: 'null', parser: true, expect: { status: 400, code: 'invalid_json' } },
  {
    what: 'too large',
    body: JSON.stringify({ title: 'x'.repeat(limits.jsonBodyBytes + 10) }),
    parser: true,
    expect: { status: 413, code: 'payload_too_large' },
  },
  { what: 'array', body: '[]' },
  { what: 'wrong types', body: JSON.stringify(poison) },
  { what: 'prototype pollution', body: '{"__proto__":{"isAdmin":true,"polluted":1},"constructor":{"prototype":{"polluted":1}}}' },
  { what: 'deep nesting', body: `${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}` },
  { what: 'not JSON', body: 'title=x', type: 'text/plain', expect: { status: 415, code: 'json_required' } },
];

/** node:http rather than fetch: a GET may carry a body here, as an attacker's may. */
function request(method: string, path: string, body: string | undefined, headers: Record<string, string>) {
  return new Promise<{ status: number; json: unknown }>((resolve, reject) => {
    const length = body === undefined ? {} : { 'content-length': String(Buffer.byteLength(body)) };
    const req = http.request({ host: '127.0.0.1', port: server.port, method, path, headers: { ...headers, ...length } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => {
        let json: unknown = null;
        try {
          json = text ? JSON.parse(text) : null;
        } catch {
          json = text;
        }
        resolve({ status: res.statusCode ?? 0, json });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

const fill = (path: string, value: (param: string, n: number) => string) => {
  let n = 0;
  return path.replace(/:(\w+)/g, (_, param: string) => value(param, n++));
};

beforeAll(async () => {
  server = await startTestServer({ loginAttempts: 100_000 });
  adminCookie = server.adminCookie;
  projectId = (await server.api('POST', '/api/projects', { cookie: adminCookie, body: { kind: 'PM', title: 'Projet médical' } })).body.id;
  routes = listRoutes(createHttpApp(server.deps)).filter((r) => r.path.startsWith('/api/'));
});

afterAll(() => server.close());

describe('bad input on every API route', () => {
  it('finds the routes of the app (the list is not empty or stale)', () => {
    const names = routes.map((r) => `${r.method} ${r.path}`);
    expect(names).toEqual(expect.arrayContaining(['GET /api/health', 'POST /api/auth/login', 'POST /api/projects', 'PUT /api/projects/:id/members/:userId']));
  });

  it('answers every route and body with a 4xx in the documented shape, never a 5xx', async () => {
    const failures: string[] = [];
    const check = (label: string, res: { status: number; json: unknown }, expected?: { status: number; code: string }) => {
      const error = (res.json as { error?: { code?: unknown; message?: unknown } } | null)?.error;
      if (res.status >= 500) failures.push(`${label} → ${res.status} ${JSON.stringify(res.json).slice(0, 200)}`);
      else if (res.status >= 400 && (typeof error?.code !== 'string' || typeof error?.message !== 'string'))
        failures.push(`${label} → ${res.status} without error shape`);
      else if (expected && (res.status !== expected.status || error?.code !== expected.code))
        failures.push(`${label} → ${res.status} ${String(error?.code)}, expected ${expected.status} ${expected.code}`);
    };
    let cookie = adminCookie;
    for (const route of routes) {
      const hostile = fill(route.path, (_, n) => hostileParams[(route.path.length + n) % hostileParams.length]!);
      const real = fill(route.path, (param, n) => (param === 'id' ? projectId : hostileParams[n % hostileParams.length]!));
      // Hostile parameters without a body, as the admin and anonymously.
      for (const auth of [{ cookie }, {}] as Record<string, string>[]) {
        check(
          `${route.method} ${hostile} ${'cookie' in auth ? 'admin' : 'anonymous'}`,
          await request(route.method, hostile, undefined, { 'content-type': 'application/json', ...auth }),
        );
      }
      // Bodies: a GET never reads one, so only the parser's refusals apply to it.
      for (const path of [real, hostile]) {
        for (const variant of bodies) {
          if (!mutating.has(route.method) && !variant.parser) continue;
          const headers = { 'content-type': variant.type ?? 'application/json', cookie };
          check(`${route.method} ${path.slice(0, 80)} ${variant.what}`, await request(route.method, path, variant.body, headers), variant.expect);
        }
      }
      // Some routes end the admin's session (logout): sign in again.
      if ((await request('GET', '/api/me', undefined, { cookie })).status === 401) cookie = await server.login(adminEmail, adminPassword);
    }
    expect(failures).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();

    // Still serving: health, the API, and collaboration.
    expect((await server.api('GET', '/api/health')).body).toMatchObject({ status: 'ok' });
    const own = (await server.api('POST', '/api/projects', { cookie, body: { kind: 'PM', title: 'Encore' } })).body.id;
    const client = connectClient(server.url, own, { cookie });
    await synced(client);
    appendParagraph(client.doc, 'objectifs-medicaux', 'toujours debout');
    await waitFor(() => sectionPlainText(server.deps.registry.get(own).doc, 'objectifs-medicaux').includes('toujours debout'));
    client.destroy();
  }, 60_000);
});
