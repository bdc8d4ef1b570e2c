// Draws docs/layers.svg from dependency-cruiser's JSON report, one box per server layer
// (scripts/serverLayers.cjs) plus the editor, schemas/, templates/ and fixtures/:
//   npx depcruise server editor/src schemas templates fixtures --config .dependency-cruiser.cjs -T json \
//     | node scripts/layersGraph.mjs | dot -Tsvg > docs/layers.svg
// An arrow is drawn for every pair of boxes with at least one import between them, dashed when all
// of them are type-only (no count: the drawing changes only when the layering does). The checker's rules make an arrow up between server
// layers or a circle impossible; this fails too if it ever finds one, rather than draw it.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const layers = createRequire(import.meta.url)('./serverLayers.cjs');
const others = [
  { name: 'editor', path: '^editor/src/', says: 'editor/src/: the browser app' },
  { name: 'fixtures', path: '^fixtures/', says: 'fixtures/: sample documents for tests and bench' },
  { name: 'templates', path: '^templates/', says: 'templates/: the document templates, as data' },
  { name: 'schemas', path: '^schemas/', says: 'schemas/: the shared vocabulary (zod, API types, Yjs layout)' },
];
const boxes = [...layers, ...others].map((box) => ({ ...box, re: new RegExp(box.path) }));
const boxOf = (file) => boxes.find((box) => box.re.test(file))?.name;
const rank = (name) => layers.findIndex((layer) => layer.name === name);

const report = JSON.parse(readFileSync(0, 'utf8'));
/** "from→to" → whether every import between them is type-only. */
const edges = new Map();
for (const module of report.modules) {
  const from = boxOf(module.source);
  if (!from) continue;
  for (const dependency of module.dependencies) {
    const to = boxOf(dependency.resolved);
    if (!to || to === from) continue;
    const key = `${from}→${to}`;
    const edge = edges.get(key) ?? { from, to, typeOnly: true };
    edge.typeOnly &&= dependency.dependencyTypes.includes('type-only');
    edges.set(key, edge);
  }
}

const wrong = [...edges.values()].filter((e) => (rank(e.from) >= 0 && rank(e.to) >= 0 && rank(e.to) < rank(e.from)) || edges.has(`${e.to}→${e.from}`));
if (wrong.length) {
  console.error(`layersGraph: arrows back up or in a circle: ${wrong.map((e) => `${e.from} → ${e.to}`).join(', ')}`);
  process.exit(1);
}

const id = (name) => JSON.stringify(name);
const lines = [
  'digraph layers {',
  '  rankdir=TB; nodesep=0.4; ranksep=0.5;',
  '  node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=11, fillcolor="#eef3fb", color="#4a6fa5"];',
  '  edge [color="#555555", fontname="Helvetica", fontsize=9, arrowsize=0.7];',
  ...boxes.map((box) => `  ${id(box.name)} [label=${id(`${box.name}\n${box.says}`)}${rank(box.name) < 0 ? ', fillcolor="#f4f4f4", color="#888888"' : ''}];`),
  // The server's layers in one column, top to bottom, even where no import joins two of them.
  `  { edge [style=invis]; ${layers.map((layer) => id(layer.name)).join(' -> ')}; }`,
  ...[...edges.values()]
    .sort((a, b) => `${a.from}→${a.to}`.localeCompare(`${b.from}→${b.to}`))
    .map((e) => `  ${id(e.from)} -> ${id(e.to)}${e.typeOnly ? ' [style=dashed]' : ''};`),
  '}',
];
process.stdout.write(`${lines.join('\n')}\n`);
