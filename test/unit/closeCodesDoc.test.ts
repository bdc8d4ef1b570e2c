import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CloseCode } from '../../schemas/api/closeCodes';

const docs = path.resolve(import.meta.dirname, '../../docs');
const read = (name: string) => fs.readFileSync(path.join(docs, name), 'utf8');
/** The close codes a text names: 1xxx and 4xxx numbers written as codes (not "1 to 4000 characters"). */
const codesIn = (text: string) => new Set([...text.matchAll(/\b(1\d{3}|4[2-5]\d{2})\b/g)].map((m) => Number(m[1])));

describe('the close codes the docs name', () => {
  it('are, in ARCHITECTURE.md « Close codes », exactly those the server sends (schemas/api/closeCodes.ts)', () => {
    const section = read('ARCHITECTURE.md')
      .split(/^## /m)
      .find((s) => s.startsWith('Close codes'));
    expect(section).toBeDefined();
    // 1000 is a normal end: the server closes with it nowhere, and nothing needs explaining.
    const sent = Object.values(CloseCode).filter((code) => code !== CloseCode.normal);
    expect([...codesIn(section!)].sort()).toEqual([...sent].sort());
  });

  it('exist, wherever a doc names one', () => {
    const known = new Set<number>(Object.values(CloseCode));
    for (const name of ['ARCHITECTURE.md', 'YJS.md', 'API.md']) {
      const unknown = [...codesIn(read(name))].filter((code) => code >= 4000 && !known.has(code));
      expect({ name, unknown }).toEqual({ name, unknown: [] });
    }
  });
});
