import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, json, spawnServer, type ServerProcess } from '../helpers/serverProcess';
import { adminEmail, adminPassword, tempDir } from '../helpers/testServer';

// Memory the bundled server (as `npm start` runs it) must give back. The idle and light-load
// figures themselves are the benchmark's (bench/RESULTS.md); these are the leaks it found.
let server: ServerProcess;

afterAll(() => server?.child.kill('SIGKILL'));

const MiB = 1024 * 1024;

function rssBytes(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)![1]) * 1024;
}

describe('the bundled server’s memory', () => {
  it('gives back the memory of password hashing: logins at once leave no 16 MiB block per thread', async () => {
    server = await spawnServer(tempDir(), await freePort());
    const login = () => json(`${server.url}/api/auth/login`, 'POST', { email: adminEmail, password: adminPassword });
    await new Promise((r) => setTimeout(r, 500));
    const before = rssBytes(server.child.pid!);
    // Each login's scrypt takes a 16 MiB block on one of libuv's four threads. glibc had raised
    // its mmap threshold once the start-up's hash freed its block, so these came from each
    // thread's malloc arena and stayed there once freed: +48 MiB after four logins at once.
    const statuses = await Promise.all([login(), login(), login(), login()]);
    expect(statuses.map((r) => r.res.status)).toEqual([200, 200, 200, 200]);
    await new Promise((r) => setTimeout(r, 500));
    expect((rssBytes(server.child.pid!) - before) / MiB).toBeLessThan(16);
  });
});
