import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Every temporary file of a test run goes under one folder, removed when the run ends: test data
 * directories, spawned servers' files and Chromium profiles all use `os.tmpdir()`, which reads
 * TMPDIR, and the test processes and the servers they spawn inherit it. A server killed with
 * SIGKILL cannot remove its own files; this does, whatever the tests did. The same variable
 * marks every process the run started: one still alive at the end fails the run (then is killed).
 */
export default function setup(): () => void {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pmp-run-'));
  const previous = process.env.TMPDIR;
  process.env.TMPDIR = root;
  return () => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    // Vitest's own workers (this process's children) are not the tests' doing.
    const leftovers = processesWithEnv(`TMPDIR=${root}`).filter((p) => p.pid !== process.pid && p.ppid !== process.pid);
    for (const p of leftovers) {
      try {
        process.kill(p.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }
    fs.rmSync(root, { recursive: true, force: true });
    if (!leftovers.length) return;
    // Vitest logs an error thrown here but still exits 0: set the exit code too.
    process.exitCode = 1;
    throw new Error(`processes started by the tests were still running:\n${leftovers.map((p) => `${p.pid} ${p.command}`).join('\n')}`);
  };
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
