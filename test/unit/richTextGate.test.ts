import fs from 'node:fs';
import path from 'node:path';
import { build, type Metafile } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';

// Tiptap and ProseMirror are loaded on first need (server/richText/runtime.ts): no module the
// server loads at start-up may import them, and every route that may use them is mounted
// behind the gate that loads them (server/http/richTextGate.ts).
const root = path.resolve(import.meta.dirname, '../..');
const runtime = 'server/richText/runtime.ts';
const tiptap = /^(@tiptap\/|prosemirror-|y-prosemirror)/;
let inputs: Metafile['inputs'];

beforeAll(async () => {
  const result = await build({
    entryPoints: [path.join(root, 'server/main.ts')],
    absWorkingDir: root,
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    write: false,
    metafile: true,
    outdir: 'unused',
    logLevel: 'silent',
  });
  inputs = result.metafile.inputs;
});

/** Modules reached from `from` through static imports (a dynamic import() is where the chunk starts). */
function staticClosure(from: string): Set<string> {
  const seen = new Set<string>();
  const next = [from];
  while (next.length) {
    const file = next.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const edge of inputs[file]?.imports ?? []) if (!edge.external && edge.kind !== 'dynamic-import') next.push(edge.path);
  }
  return seen;
}

describe('Tiptap on first need', () => {
  it('is imported by no module the server loads at start-up', () => {
    const loadedAtStart = [...staticClosure('server/main.ts')];
    const importers = loadedAtStart.filter((file) => inputs[file]!.imports.some((edge) => edge.external && tiptap.test(edge.path)));
    expect(importers).toEqual([]);
  });

  it('is not needed by the collaboration path (typing never loads it)', () => {
    const collab = Object.keys(inputs).filter((file) => file.startsWith('server/collab/'));
    expect(collab.length).toBeGreaterThan(5);
    expect(collab.filter((file) => staticClosure(file).has(runtime))).toEqual([]);
  });

  it('is loaded before any route that may use it: the routes mounted ahead of the gate never reach it', () => {
    const app = fs.readFileSync(path.join(root, 'server/http/app.ts'), 'utf8');
    const gate = app.indexOf('api.use(richTextGate)');
    expect(gate).toBeGreaterThan(0);
    const modules = new Map([...app.matchAll(/import \{ (\w+Routes) \} from '\.\/(routes\/[\w/]+)'/g)].map((m) => [m[1]!, `server/http/${m[2]}`]));
    const mounted = [...app.matchAll(/api\.use\((\w+Routes)\(/g)].map((m) => ({ router: m[1]!, before: m.index < gate }));
    const ahead = mounted.filter((m) => m.before).map((m) => m.router);
    expect(ahead).toContain('projectRoutes');
    const reaching = ahead.filter((router) => {
      const file = [`${modules.get(router)}.ts`, `${modules.get(router)}/index.ts`].find((f) => inputs[f]);
      if (!file) throw new Error(`no module for ${router}`);
      return staticClosure(file).has(runtime);
    });
    expect(reaching).toEqual([]);
    // And behind it, routes that do use it (or the gate would be in the wrong place).
    expect(mounted.filter((m) => !m.before).map((m) => m.router)).toEqual(expect.arrayContaining(['governanceRoutes', 'exportRoutes', 'importRoutes']));
  });
});

describe('prom-client on the first scrape of /metrics', () => {
  it('is imported by no module the server loads at start-up, only dynamically by the metrics', () => {
    const loadedAtStart = [...staticClosure('server/main.ts')];
    const importers = (kind: string) =>
      loadedAtStart.filter((file) => inputs[file]!.imports.some((edge) => edge.external && edge.path === 'prom-client' && edge.kind === kind));
    expect(importers('import-statement')).toEqual([]);
    expect(importers('dynamic-import')).toEqual(['server/metrics/metrics.ts']);
  });
});
