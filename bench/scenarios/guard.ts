import { performance } from 'node:perf_hooks';
import * as Y from 'yjs';
import { fragmentName } from '../../schemas/docLayout';
import { modalities } from '../../schemas/modalities';
import { filieresMap, matrixKey } from '../../schemas/structured';
import { addFicheAction, addFiliere, addObjectif } from '../../schemas/structuredEdits';
import { scopeOfUpdate } from '../../server/yjs/updateScope';
import { zoneViolation } from '../../server/policies/documentZones';
import { realisticDocument } from '../../fixtures/realisticDocument';
import { median } from '../lib/stats';

/** Per-update cost, in microseconds, of the parts of the update guard and of applying the update. */
export interface GuardCase {
  name: string;
  updates: number;
  /** Locating the changes (what the lock check already paid before the zones existed). */
  scopeUs: { median: number; p99: number };
  /** Locating plus the zone and record checks: the whole guard. */
  guardUs: { median: number; p99: number };
  /** Y.applyUpdate of the same update on the server's document, for scale. */
  applyUs: { median: number; p99: number };
}

const p99 = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * 0.99))]!;
const summary = (values: number[]) => ({ median: median(values), p99: p99(values) });

/**
 * Times the guard on the updates an editor's client sends, against a 100-page document held as
 * the server holds it: each update is checked, then applied (the next one builds on it).
 */
function measure(name: string, server: Y.Doc, client: Y.Doc, makeUpdates: (doc: Y.Doc) => void): GuardCase {
  const updates: Uint8Array[] = [];
  const collect = (update: Uint8Array) => updates.push(update);
  client.on('update', collect);
  makeUpdates(client);
  client.off('update', collect);
  const scope: number[] = [];
  const guard: number[] = [];
  const apply: number[] = [];
  const rights = { canEditLocked: false, canManage: false, userId: 'bench-editor' };
  for (const update of updates) {
    const decoded = Y.decodeUpdate(update);
    let t = performance.now();
    scopeOfUpdate(server, decoded);
    scope.push((performance.now() - t) * 1000);
    t = performance.now();
    const violation = zoneViolation(server, scopeOfUpdate(server, decoded), rights);
    guard.push((performance.now() - t) * 1000);
    if (violation) throw new Error(`${name}: a legitimate update was refused (${violation.detail})`);
    t = performance.now();
    Y.applyUpdate(server, update);
    apply.push((performance.now() - t) * 1000);
  }
  return { name, updates: updates.length, scopeUs: summary(scope), guardUs: summary(guard), applyUs: summary(apply) };
}

export function runGuard(keystrokes = 3000): GuardCase[] {
  const server = realisticDocument(100, 100);
  // A filière and a fiche-action to edit, created as the server would have them.
  let filiereId = '';
  server.transact(() => {
    filiereId = addFiliere(server, 'filieres', 'Filière gériatrique');
    addFicheAction(server, 'filieres', { title: 'Fiche' });
  });
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  const text = 'Le groupement organise une filière gériatrique graduée entre les établissements. ';
  const cases = [
    measure('keystroke in a section’s text', server, client, (doc) => {
      const paragraph = new Y.XmlElement('paragraph');
      const xmlText = new Y.XmlText();
      paragraph.insert(0, [xmlText]);
      doc.getXmlFragment(fragmentName('qualite-securite-pertinence')).insert(0, [paragraph]);
      for (let i = 0; i < keystrokes; i++) xmlText.insert(i, text[i % text.length]!);
    }),
    measure('keystroke in a matrix cell (the cell rewritten)', server, client, (doc) => {
      const matrix = filieresMap(doc).get(filiereId)!.get('matrix') as Y.Map<string>;
      const key = matrixKey(modalities[0]!.id, 'e1');
      for (let i = 0; i < keystrokes / 3; i++) matrix.set(key, text.slice(0, (i % text.length) + 1));
    }),
    measure('new fiche-action (record, lists, indicator table)', server, client, (doc) => {
      for (let i = 0; i < 200; i++) addFicheAction(doc, 'filieres', { title: `Fiche ${i}`, modality: 'medico-social' });
    }),
    // A hand-made update can hold thousands of records: the checks must stay linear in its size.
    measure('one update of 4,000 new objectifs (600 kB)', server, client, (doc) => {
      doc.transact(() => {
        for (let i = 0; i < 4000; i++) addObjectif(doc, 'objectifs-medicaux', 'axe', `Axe ${i}`);
      });
    }),
  ];
  return cases;
}

export function guardMarkdown(cases: GuardCase[]): string {
  const us = (s: { median: number; p99: number }) => `${s.median.toFixed(1)} / ${s.p99.toFixed(1)}`;
  return [
    'In-process, on a 100-page PMP held as the server holds it; each update an editor’s client sends is checked, then applied. µs per update, median / p99. "Locating" is what the lock check already cost before the zones (it ran for every non-coordinator); "whole guard" adds the zone and record checks.',
    '',
    '| update | count | locating | whole guard | applying it (for scale) | guard ÷ apply (median) |',
    '|---|---|---|---|---|---|',
    ...cases.map(
      (c) => `| ${c.name} | ${c.updates} | ${us(c.scopeUs)} | ${us(c.guardUs)} | ${us(c.applyUs)} | ${(c.guardUs.median / c.applyUs.median).toFixed(2)} |`,
    ),
  ].join('\n');
}
