/**
 * The layers of docs/ARCHITECTURE.md, checked on every `npm test` (`npm run layers`). The server's
 * layers, top to bottom, are listed once in scripts/serverLayers.cjs: adapters (http/, collab/,
 * seed/) → use cases (commands/) → rules and read models (governance/, export/, queries/, given
 * what they need as Deps) → services (policies/, auth/, import/…) → store/ → the kernel (errors,
 * config, log). schemas/ and templates/ are pure data shared by everyone; the editor talks to the
 * server through schemas/ only. test/unit/layerRules.test.ts runs this check on trees that break it.
 */
const layers = require('./scripts/serverLayers.cjs');

/** One rule per layer: nothing it holds imports a layer above it (type-only imports included). */
const layerRules = layers.slice(1).map((layer, i) => ({
  name: `not-up-from-${layer.name.replaceAll(' ', '-')}`,
  severity: 'error',
  comment: `${layer.says}; imports nothing from ${layers
    .slice(0, i + 1)
    .map((l) => l.name)
    .join(', ')}.`,
  from: { path: layer.path },
  to: { path: layers.slice(0, i + 1).map((l) => l.path) },
}));

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'A circle makes two modules one: whichever changes, both must be understood. Type-only imports count too: they vanish at run time, but a reader still has to hold both ends at once (a shared type moves down into a module of its own).',
      from: {},
      to: { circular: true },
    },
    {
      name: 'editor-not-to-server',
      severity: 'error',
      comment: 'The editor shares types with the server through schemas/ (schemas/api/ for the API), never by importing server/.',
      from: { path: '^editor/' },
      to: { path: '^server/' },
    },
    {
      name: 'schemas-are-pure',
      severity: 'error',
      comment: 'schemas/ is the shared vocabulary: it imports no server, editor or template code.',
      from: { path: '^schemas/' },
      to: { path: '^(server|editor|templates)/' },
    },
    ...layerRules,
    {
      name: 'server-module-in-a-layer',
      severity: 'error',
      comment: 'Every module of server/ sits in one of the layers of scripts/serverLayers.cjs: place a new folder there.',
      from: { path: '^server/', pathNot: layers.map((l) => l.path) },
      to: {},
    },
    {
      name: 'http-is-an-adapter',
      severity: 'error',
      comment: 'Only the composition (server/app.ts) mounts the HTTP layer.',
      from: { path: '^server/', pathNot: '^server/(http/|app\\.ts$)' },
      to: { path: '^server/http/' },
    },
    {
      name: 'demo-seeding-for-the-seed-only',
      severity: 'error',
      comment:
        'commands/demoSeeding.ts writes what no actor may (organisations without an administrator, séances planned for an unnamed secretary), auditing nothing: only the demo seed (server/seed/) calls it.',
      from: { pathNot: '^server/(seed/|commands/demoSeeding\\.ts$)' },
      to: { path: '^server/commands/demoSeeding\\.ts$' },
    },
    {
      name: 'presenters-are-pure',
      severity: 'error',
      comment: 'A presenter (server/http/presenters/) turns the records its route read into an answer of schemas/api/: it is given no Deps nor Store to query.',
      from: { path: '^server/http/presenters/' },
      to: { path: '^server/(deps\\.ts|store/index\\.ts)$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|build|editor/dist)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.js', '.mjs', '.cjs', '.json'] },
    reporterOptions: {
      dot: {
        collapsePattern: '^(node_modules/[^/]+|server/[^/]+|editor/src/[^/]+|schemas|templates|fixtures|test|bench|scripts)',
      },
    },
  },
};
