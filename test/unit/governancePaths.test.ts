import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { documentKinds } from '../../schemas/project';
import { defaultPaths } from '../../server/governance/paths';
import { stepRow, tableHeader } from '../helpers/governanceTable';

/**
 * The adoption paths are data with a legal basis on every step, and docs/GOVERNANCE.md has one
 * table per document kind that says the same thing, row for row.
 */
const docs = fs.readFileSync(path.join(__dirname, '../../docs/GOVERNANCE.md'), 'utf8');

/** The table under `### <kind>` in docs/GOVERNANCE.md, one string per line. */
function tableOf(kind: string): string[] {
  const lines = docs.split('\n');
  const start = lines.indexOf(`### ${kind}`);
  if (start < 0) return [];
  const table: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.startsWith('|')) table.push(line);
    else if (table.length > 0) break;
  }
  return table;
}

describe('default adoption paths', () => {
  it('every step of every kind carries a legal basis', () => {
    for (const kind of documentKinds) {
      for (const step of defaultPaths[kind]) expect(step.basis.trim(), `${kind} ${step.id}`).not.toBe('');
    }
  });

  it('each step requires only steps placed before it, in the same path', () => {
    for (const kind of documentKinds) {
      const seen = new Set<string>();
      for (const step of defaultPaths[kind]) {
        for (const r of step.requires) expect(seen.has(r), `${kind} ${step.id} requires ${r}`).toBe(true);
        seen.add(step.id);
      }
    }
  });

  it.each(documentKinds)('docs/GOVERNANCE.md has the table of the %s path, row for row', (kind) => {
    expect(tableOf(kind)).toEqual([...tableHeader, ...defaultPaths[kind].map(stepRow)]);
  });

  it('only the signed convention’s receipt starts a clock; the PM, PSIRMT and PSP send nothing to the ARS', () => {
    const clocks = (kind: (typeof documentKinds)[number]) => defaultPaths[kind].filter((s) => s.startsTacitApproval).map((s) => s.id);
    expect(clocks('PMP')).toEqual(['ars-accuse-reception']);
    expect(clocks('PMSP')).toEqual(['ars-accuse-reception']);
    for (const kind of ['PM', 'PSIRMT', 'PSP'] as const) {
      expect(
        defaultPaths[kind].some((s) => s.stage === 'transmission' || s.act === 'transmission' || s.startsTacitApproval),
        kind,
      ).toBe(false);
    }
  });
});
