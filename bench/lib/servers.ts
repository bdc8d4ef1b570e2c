import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { freePort, spawnServer } from '../../test/helpers/serverProcess';
import { tempDir } from '../../test/helpers/testServer';
import { provisionOurs, seedReferenceRooms } from './provision';

const root = path.resolve(import.meta.dirname, '../..');
const referenceBin = path.join(root, 'node_modules/@y/websocket-server/src/server.js');

export type ServerKind = 'ours' | 'ref';

/**
 * BENCH_PROFILE_DIR=dir: each server (ours and the reference) writes a V8 CPU profile there when
 * it stops. BENCH_NODE_FLAGS: more Node flags for both (V8 traces, GC settings), space-separated.
 */
const profiling = (): string[] => [
  ...(process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(process.env.BENCH_PROFILE_DIR)}`] : []),
  ...(process.env.BENCH_NODE_FLAGS?.split(' ').filter(Boolean) ?? []),
];

const referenceProfiling = (): string[] =>
  process.env.BENCH_PROFILE_DIR ? [...profiling(), '-r', path.join(import.meta.dirname, 'exitOnTerm.cjs')] : profiling();

/** A collaboration server under test, in its own process so its CPU and memory can be read. */
export interface BenchServer {
  kind: ServerKind;
  pid: number;
  /** What `WebsocketProvider` is given as server URL. */
  wsBase: string;
  /** Room name of document `doc`. */
  room(doc: number): string;
  /** Query parameters of editor `editor` in document `doc` (our server's token). */
  params(editor: number, doc: number): Record<string, string>;
  stop(): Promise<void>;
}

function stopper(child: ChildProcess): () => Promise<void> {
  return () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill('SIGTERM');
    });
}

export interface OursOptions {
  docs: number;
  /** Editors per user: the server allows 12 connections per user. */
  users: number;
  dataDir?: string;
  env?: Record<string, string>;
  /** Skip provisioning (the data directory already holds projects). */
  existing?: { projectIds: string[]; tokens: string[][] };
}

/** Our server, as `npm start` runs it, provisioned through its API. */
export async function startOurs(options: OursOptions): Promise<BenchServer & { dataDir: string; projectIds: string[]; tokens: string[][] }> {
  const dataDir = options.dataDir ?? tempDir('pmp-bench-');
  const port = await freePort();
  const proc = await spawnServer(
    dataDir,
    port,
    {
      PMP_LOG_LEVEL: 'error',
      PMP_LOGIN_ATTEMPTS: '100000',
      ...options.env,
    },
    profiling(),
  );
  const stopServer = stopper(proc.child);
  // A data directory the caller gave outlives this server (a cold open restarts on it); one made here does not.
  const stop = async (): Promise<void> => {
    await stopServer();
    if (!options.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  };
  let provisioned: { projectIds: string[]; tokens: string[][] };
  try {
    provisioned = options.existing ?? (await provisionOurs(proc.url, options.users, options.docs));
  } catch (error) {
    await stop();
    throw error;
  }
  const { projectIds, tokens } = provisioned;
  return {
    kind: 'ours',
    pid: proc.child.pid!,
    wsBase: `ws://127.0.0.1:${port}/collab`,
    room: (doc) => projectIds[doc]!,
    params: (editor, doc) => ({ token: tokens[editor % tokens.length]![doc]! }),
    stop,
    dataDir,
    projectIds,
    tokens,
  };
}

/**
 * The reference server (@y/websocket-server 0.1.1, `src/server.js`, HOST/PORT), memory only
 * unless `persistenceDir` is given (YPERSISTENCE: LevelDB). Its rooms are seeded with the same
 * template outline our projects start with.
 */
export async function startReference(options: { docs: number; persistenceDir?: string; seed?: boolean }): Promise<BenchServer> {
  const port = await freePort();
  const child = spawn(process.execPath, [...referenceProfiling(), referenceBin], {
    cwd: root,
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      ...(options.persistenceDir ? { YPERSISTENCE: options.persistenceDir } : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`reference server did not start:\n${output}`)), 20_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('running at')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`reference server exited with ${code}:\n${output}`)));
  });
  const wsBase = `ws://127.0.0.1:${port}`;
  const room = (doc: number) => `bench-doc-${doc}`;
  const stop = stopper(child);
  try {
    if (options.seed !== false)
      await seedReferenceRooms(
        wsBase,
        Array.from({ length: options.docs }, (_, i) => room(i)),
      );
  } catch (error) {
    await stop();
    throw error;
  }
  return { kind: 'ref', pid: child.pid!, wsBase, room, params: () => ({}), stop };
}
