#!/usr/bin/env node
// Bundles the server (server/main.ts and the repository modules it imports; packages stay in
// node_modules) into one ES module, build/server.mjs, which `npm start` runs as plain JavaScript,
// and its threads (DOCX export, import conversion, PDF/A, backup, password strength, bilan charts) into build/<name>Worker.mjs, which the server
// starts next to it.
// Under a TypeScript loader the server carried a loader thread with its own heap (about 30 MiB
// of RSS) and a larger start-up heap whose first full collection fell a few seconds into
// serving; esbuild bundles it in well under a second, so every start rebuilds it.
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
export const serverBundle = path.join(root, 'build', 'server.mjs');

/**
 * The Node flags `npm start` runs the bundle with (package.json repeats them: a test checks they
 * agree), which the tests and the benchmark use too. `--no-memory-reducer`: when traffic is light,
 * V8's memory reducer runs extra full collections to shrink the heap, and such a collection drops
 * the maps nothing holds at that instant, and with them the optimized code of nearly every
 * function a keystroke goes through (traced: "marking dependent code for deoptimization, reason:
 * weak objects"). At human typing speed that code then ran unoptimized for seconds: nearly twice
 * the server's CPU per keystroke and a slower tail (bench/RESULTS.md, 01/12/2026). Ordinary
 * collections still run; the heap keeps about 1 MiB more per loaded 100-page document.
 * No `--enable-source-maps`: it kept the bundle's source map (1.3 MB of JSON) parsed in the heap,
 * 24 MiB of the idle server's RSS; the bundle is not minified, so a stack trace's lines in
 * build/server.mjs still name the functions, and esbuild's `// server/…` comments the files.
 * `--max-semi-space-size=1`: V8's young generation grew to two semi-spaces of 16 MiB (32 MiB of
 * RSS at light load, for under 1 MiB that survives a scavenge) and, without the memory reducer,
 * never shrank. At 1 MiB a scavenge runs about twice a second at light load instead of every
 * few seconds, each one short (little survives); the per-keystroke latency did not move
 * (bench/RESULTS.md, 03/12/2026). The flag also bounds the store thread's isolate.
 * `--optimize-for-size`: V8 then sets the old generation's next full collection closer above what
 * the last one kept (its growing mode for small memory: a smaller factor and a smaller minimum
 * step); at light load, where the memory reducer no longer tidies up, that was about 3.5 MiB of
 * RSS (97.1–100.8 against 101.0–105.1 MiB, three alternated runs each; with the pool flag below,
 * 96.3–97.5), for a few percent more CPU per delivery (the serving thread's collections) and the
 * same latency; at 200 editors in one document 13.3 µs of CPU per delivery
 * against 11.3, RSS 102 against 121 MiB. `--v8-pool-size=2`: two V8 helper threads (parallel
 * and concurrent collection, background compilation) instead of four; their stacks and malloc
 * arenas were about 2.5 MiB of light-load RSS, and the server's heaps are small enough for two.
 */
export const serverNodeFlags = ['--no-memory-reducer', '--max-semi-space-size=1', '--optimize-for-size', '--v8-pool-size=2'];

/**
 * The environment `npm start` sets for the server (package.json repeats it; the tests and the
 * benchmark use it too). glibc raises its mmap threshold each time a large mmapped block is
 * freed, up to 32 MiB: after the first login, each password hash (scrypt, 16 MiB, on one of
 * libuv's four threads) was taken from that thread's malloc arena and stayed in it once freed,
 * 16 MiB of RSS per thread for the life of the process (+48 MiB after four logins at once).
 * Fixing the threshold at glibc's own default (128 KiB) keeps large blocks mmapped, so they go
 * back to the system when freed. No effect elsewhere than glibc (musl ignores it).
 */
export const serverEnv = { GLIBC_TUNABLES: 'glibc.malloc.mmap_threshold=131072' };

/** Writes build/server.mjs, its worker modules and their source maps; atomic, as test processes may build at once. */
export async function buildServer() {
  const { build, stop } = await import('esbuild');
  const result = await build({
    entryPoints: {
      server: path.join(root, 'server', 'main.ts'),
      docxWorker: path.join(root, 'server', 'export', 'docx', 'docxWorker.ts'),
      importWorker: path.join(root, 'server', 'import', 'importWorker.ts'),
      backupWorker: path.join(root, 'server', 'backup', 'backupWorker.ts'),
      pdfaWorker: path.join(root, 'server', 'export', 'pdf', 'archival', 'pdfaWorker.ts'),
      passwordWorker: path.join(root, 'server', 'auth', 'passwordWorker.ts'),
      chartWorker: path.join(root, 'server', 'export', 'charts', 'chartWorker.ts'),
    },
    outdir: path.dirname(serverBundle),
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    // A dynamic import() of a module of ours becomes a chunk loaded when it runs (Tiptap:
    // server/richText/runtime.ts); code the entry points share lands in chunks too.
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    // Non-ASCII characters escaped: one outside Latin-1 made V8 hold the whole bundle's source as
    // a two-byte string (1.6 MiB instead of 0.8, for the life of the process).
    charset: 'ascii',
    minifyWhitespace: true,
    sourcemap: 'linked',
    write: false,
    logLevel: 'error',
  });
  // esbuild keeps a service process for the next build; a server is built once per process.
  await stop();
  for (const file of result.outputFiles) {
    fs.mkdirSync(path.dirname(file.path), { recursive: true });
    const temporary = `${file.path}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, file.contents);
    fs.renameSync(temporary, file.path);
  }
  // Chunk names carry a hash of their content: those of earlier builds are dropped.
  const chunks = path.join(path.dirname(serverBundle), 'chunks');
  const written = new Set(result.outputFiles.map((file) => file.path));
  for (const name of fs.readdirSync(chunks)) {
    if (!name.endsWith('.tmp') && !written.has(path.join(chunks, name))) fs.rmSync(path.join(chunks, name), { force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) await buildServer();
