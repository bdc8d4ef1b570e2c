// Summarises what updatePath.patch recorded (bench/README.md, « Where a keystroke's latency goes »):
// per server process, the medians of the last 20 s of a load run (its measured window).
// Usage: node --import tsx bench/probes/updatePath.ts <BENCH_UPDATE_PATH_DIR>
import fs from 'node:fs';
import path from 'node:path';
import { median } from '../lib/stats';

const dir = process.argv[2];
if (!dir) throw new Error('usage: node --import tsx bench/probes/updatePath.ts <dir>');
const windowMs = 20_000;
// Our rows: [at, decoded, guarded, staged → flush, journaled, applied and broadcast], µs since receipt.
const stages = ['decode + novelty', 'guard', 'wait for the end of the turn', 'journal', 'apply + broadcast'];

for (const file of fs
  .readdirSync(dir)
  .filter((name) => name.endsWith('.json'))
  .sort()) {
  const rows = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as number[][];
  if (rows.length === 0) continue;
  const end = rows.at(-1)![0]!;
  const measured = rows.filter((row) => row[0]! >= end - windowMs);
  if (file.startsWith('ref-')) {
    console.log(`${file}: ${measured.length} updates, receipt → broadcast p50 ${median(measured.map((r) => r[1]!)).toFixed(1)} µs`);
    continue;
  }
  // A batch of one update: the five marks are that update's (a larger batch restarts the clock).
  const whole = measured.filter((row) => row.length === 6);
  const parts = stages.map((name, i) => `${name} ${median(whole.map((r) => r[i + 1]! - (i > 0 ? r[i]! : 0))).toFixed(1)}`);
  console.log(`${file}: ${whole.length} updates, receipt → broadcast p50 ${median(whole.map((r) => r[5]!)).toFixed(1)} µs (${parts.join(', ')})`);
}
