import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Every temporary file of a test run goes under one folder, removed when the run ends: test data
 * directories, spawned servers' files and Chromium profiles all use `os.tmpdir()`, which reads
 * TMPDIR, and the test processes and the servers they spawn inherit it. A server killed with
 * SIGKILL cannot remove its own files; this does, whatever the tests did. The same variable
 * marks every process the run started: one still alive a few seconds after the end fails the run
 * (then is killed). What the tests left in the folder is said (kind, count, size) before it goes.
 */
export default function setup(): () => Promise<void> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pmp-run-'));
  const previous = process.env.TMPDIR;
  process.env.TMPDIR = root;
  return async () => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    // Vitest's own workers (this process's children) are not the tests' doing. A process a test
    // ended may take a moment to go (Chromium's helpers follow their browser): only one still
    // there after a grace period counts, so the check does not fail a run on a slow machine.
    const started = (): { pid: number; command: string }[] => processesWithEnv(`TMPDIR=${root}`).filter((p) => p.pid !== process.pid && p.ppid !== process.pid);
    const deadline = Date.now() + leftoverGraceMs;
    let leftovers = started();
    while (leftovers.length && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      leftovers = started();
    }
    for (const p of leftovers) {
      try {
        process.kill(p.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }
    reportTemporaryFiles(root);
    fs.rmSync(root, { recursive: true, force: true });
    if (!leftovers.length) return;
    // Vitest logs an error thrown here but still exits 0: set the exit code too.
    process.exitCode = 1;
    throw new Error(`processes started by the tests were still running:\n${leftovers.map((p) => `${p.pid} ${p.command}`).join('\n')}`);
  };
}

/** How long a process the tests started may take to exit once the run is over. */
const leftoverGraceMs = 5_000;

/**
 * Says what the tests left in the run's folder (removed just after, so /tmp stays clean whatever
 * they did): by kind of folder, how many and how large. It does not fail the run: a test server's
 * data folder is often worth keeping until its last test, and nothing outlives the run.
 */
function reportTemporaryFiles(root: string): void {
  const kinds = new Map<string, { count: number; bytes: number }>();
  for (const entry of fs.readdirSync(root)) {
    // mkdtemp adds six characters to the prefix: 'pmp-test-Ab12Cd' is of kind 'pmp-test-'.
    const kind = /^(.*-)[A-Za-z0-9]{6}$/.exec(entry)?.[1] ?? entry;
    const total = kinds.get(kind) ?? { count: 0, bytes: 0 };
    total.count += 1;
    total.bytes += sizeOf(path.join(root, entry));
    kinds.set(kind, total);
  }
  if (!kinds.size) return;
  const lines = [...kinds].sort((a, b) => b[1].bytes - a[1].bytes).map(([kind, t]) => `${kind}… ×${t.count} (${(t.bytes / 2 ** 20).toFixed(1)} MiB)`);
  console.info(`temporary files the tests left, removed now: ${lines.join(', ')}`);
}

function sizeOf(file: string): number {
  try {
    const stat = fs.lstatSync(file);
    if (!stat.isDirectory()) return stat.size;
    return fs.readdirSync(file).reduce((sum, entry) => sum + sizeOf(path.join(file, entry)), 0);
  } catch {
    return 0;
  }
}

/** Live processes (not zombies) whose environment holds `entry` (Linux /proc; none elsewhere). */
function processesWithEnv(entry: string): { pid: number; ppid: number; command: string }[] {
  if (!fs.existsSync('/proc/self/environ')) return [];
  const found: { pid: number; ppid: number; command: string }[] = [];
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (!fs.readFileSync(`/proc/${name}/environ`, 'utf8').split('\0').includes(entry)) continue;
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      // "pid (comm) state ppid …": comm may hold spaces and parentheses, so read after the last ')'.
      const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (state === 'Z') continue;
      found.push({ pid: Number(name), ppid: Number(ppid), command: fs.readFileSync(`/proc/${name}/cmdline`, 'utf8').replaceAll('\0', ' ').slice(0, 200) });
    } catch {
      /* ended meanwhile, or not ours to read */
    }
  }
  return found;
}
