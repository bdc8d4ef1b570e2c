import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/testServer';

/**
 * `npm run layers` checks the real tree, which passes; these trees of a few files check that its
 * rules (.dependency-cruiser.cjs) do refuse what they are meant to refuse, with the same CLI.
 */
const root = path.resolve(import.meta.dirname, '../..');
const depcruise = path.join(root, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
const trees: string[] = [];

afterAll(() => {
  for (const dir of trees) fs.rmSync(dir, { recursive: true, force: true });
});

/**
 * Writes the files into a fresh tree laid out like the repository and runs the layer check on it
 * as `npm run layers` does (its exit code, and its report: `error <rule>: <from> → <to>`).
 */
async function cruise(files: Record<string, string>): Promise<{ exitCode: number; violations: string[] }> {
  const dir = tempDir('pmp-layers-');
  trees.push(dir);
  fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'ESNext', moduleResolution: 'Bundler', strict: true } }));
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  const folders = [...new Set(Object.keys(files).map((f) => f.split('/')[0]!))];
  const args = [depcruise, ...folders, '--config', path.join(root, '.dependency-cruiser.cjs')];
  const run = await promisify(execFile)(process.execPath, args, { cwd: dir }).then(
    (done) => ({ exitCode: 0, stdout: done.stdout }),
    (error: { code?: number; stdout?: string }) => ({ exitCode: error.code ?? -1, stdout: error.stdout ?? '' }),
  );
  // A circle's report goes on over the next lines; its first step is enough to name it.
  const violations = [...run.stdout.matchAll(/error ([\w-]+): (\S+) →\s+(\S+)/g)].map(([, rule, from, to]) => `${rule}: ${from} → ${to}`);
  return { exitCode: run.exitCode, violations: violations.sort() };
}

const exportType = (name: string) => `export interface ${name} { id: string }\n`;

describe('the layer check (npm run layers)', () => {
  it('passes imports that go down the layers', async () => {
    const { exitCode, violations } = await cruise({
      'server/http/routes.ts': "import { act } from '../commands/act';\nexport const route = act;\n",
      'server/commands/act.ts': "import { rule } from '../governance/rule';\nexport const act = rule;\n",
      'server/governance/rule.ts': "import type { Row } from '../store/rows';\nexport const rule = (row: Row) => row.id;\n",
      'server/store/rows.ts': exportType('Row'),
      'editor/src/client.ts': "import type { View } from '../../schemas/api/view';\nexport const show = (v: View) => v.id;\n",
      'schemas/api/view.ts': exportType('View'),
    });
    expect(violations).toEqual([]);
    expect(exitCode).toBe(0);
  });

  it('fails on editor code importing server/, even a type', async () => {
    const { exitCode, violations } = await cruise({
      'editor/src/client.ts': "import type { Row } from '../../server/store/rows';\nexport const show = (r: Row) => r.id;\n",
      'server/store/rows.ts': exportType('Row'),
    });
    expect(violations).toEqual(['editor-not-to-server: editor/src/client.ts → server/store/rows.ts']);
    expect(exitCode).not.toBe(0);
  });

  it('fails on a circle made of type-only imports', async () => {
    const { exitCode, violations } = await cruise({
      'server/governance/a.ts': "import type { B } from './b';\nexport interface A { b: B }\n",
      'server/governance/b.ts': "import type { A } from './a';\nexport interface B { a: A | null }\n",
    });
    expect(violations).toEqual(['no-circular: server/governance/a.ts → server/governance/b.ts']);
    expect(exitCode).not.toBe(0);
  });

  it('fails on an import against the grain, type-only included', async () => {
    const { exitCode, violations } = await cruise({
      'server/governance/rule.ts': "import type { Act } from '../commands/act';\nexport const rule = (a: Act) => a.id;\n",
      'server/commands/act.ts': exportType('Act'),
      'server/policies/zone.ts': "import type { Scope } from '../collab/scope';\nexport const zone = (s: Scope) => s.id;\n",
      'server/collab/scope.ts': exportType('Scope'),
      'server/store/rows.ts': "import { route } from '../http/routes';\nexport const rows = route;\n",
      'server/http/routes.ts': 'export const route = 1;\n',
      'server/errors.ts': "import type { Row } from './store/row';\nexport const fields = (r: Row) => r.id;\n",
      'server/store/row.ts': exportType('Row'),
      'schemas/api/view.ts': "import { rows } from '../../server/store/rows';\nexport const view = rows;\n",
    });
    expect(violations).toEqual([
      'http-is-an-adapter: server/store/rows.ts → server/http/routes.ts',
      'not-up-from-kernel: server/errors.ts → server/store/row.ts',
      'not-up-from-rules-and-read-models: server/governance/rule.ts → server/commands/act.ts',
      'not-up-from-services: server/policies/zone.ts → server/collab/scope.ts',
      'not-up-from-store: server/store/rows.ts → server/http/routes.ts',
      'schemas-are-pure: schemas/api/view.ts → server/store/rows.ts',
    ]);
    expect(exitCode).not.toBe(0);
  });

  it('fails on a presenter given the store or Deps, even as a type', async () => {
    const { exitCode, violations } = await cruise({
      'server/http/presenters/user.ts': "import type { Store } from '../../store/index';\nexport const name = (store: Store, id: string) => store.id + id;\n",
      'server/http/presenters/project.ts': "import type { Deps } from '../../deps';\nexport const title = (deps: Deps) => deps.id;\n",
      'server/http/presenters/act.ts': "import type { Row } from '../../store/row';\nexport const act = (row: Row) => row.id;\n",
      'server/store/index.ts': exportType('Store'),
      'server/store/row.ts': exportType('Row'),
      'server/deps.ts': exportType('Deps'),
    });
    expect(violations).toEqual([
      'presenters-are-pure: server/http/presenters/project.ts → server/deps.ts',
      'presenters-are-pure: server/http/presenters/user.ts → server/store/index.ts',
    ]);
    expect(exitCode).not.toBe(0);
  });

  it('fails on demoSeeding imported by a route or another command: only the demo seed may', async () => {
    const { exitCode, violations } = await cruise({
      'server/seed/demo.ts': "import { seedDemo } from '../commands/demoSeeding';\nexport const demo = seedDemo;\n",
      'server/http/routes/organisations.ts': "import { seedDemo } from '../../commands/demoSeeding';\nexport const route = seedDemo;\n",
      'server/commands/organisations.ts': "import type { Seeded } from './demoSeeding';\nexport const create = (s: Seeded) => s.id;\n",
      'server/commands/demoSeeding.ts': `${exportType('Seeded')}export const seedDemo = 1;\n`,
    });
    expect(violations).toEqual([
      'demo-seeding-for-the-seed-only: server/commands/organisations.ts → server/commands/demoSeeding.ts',
      'demo-seeding-for-the-seed-only: server/http/routes/organisations.ts → server/commands/demoSeeding.ts',
    ]);
    expect(exitCode).not.toBe(0);
  });

  it('fails on a server folder that no layer holds', async () => {
    const { exitCode, violations } = await cruise({
      'server/widgets/widget.ts': "import type { Row } from '../store/row';\nexport const widget = (r: Row) => r.id;\n",
      'server/store/row.ts': exportType('Row'),
    });
    expect(violations).toEqual(['server-module-in-a-layer: server/widgets/widget.ts → server/store/row.ts']);
    expect(exitCode).not.toBe(0);
  });
});
