import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Every write goes through a command (docs/ARCHITECTURE.md), the demo seed's included: server/seed/
 * reads the store but writes through server/commands/ (commands/demoSeeding.ts for what no
 * command offers the demo's actors). A write method called on the store, or a change of a live
 * document, in a seed file fails here.
 */
const seedDir = path.resolve(import.meta.dirname, '../../server/seed');
const storeWrite = /\bstore\.\w+\.(create\w*|grant\w*|revoke\w*|set\w*|add\w*|remove\w*|delete\w*|update\w*|append\w*|record\w*|mark\w*)\(/g;
const documentChange = /registry\.get\([^)]*\)\.change\(/g;

describe('the demo seed', () => {
  it('writes nothing on the store or a live document by itself', () => {
    const found = fs
      .readdirSync(seedDir)
      .filter((file) => file.endsWith('.ts'))
      .flatMap((file) => {
        const text = fs.readFileSync(path.join(seedDir, file), 'utf8');
        return [...text.matchAll(storeWrite), ...text.matchAll(documentChange)].map((m) => `${file}: ${m[0]}`);
      });
    expect(found).toEqual([]);
  });
});
