/**
 * The layers of docs/ARCHITECTURE.md, checked on every `npm test` (`npm run layers`). Top to
 * bottom: http/ and collab/ (adapters) → commands/ (use cases) → governance/, export/, queries/
 * (rules and read models, their dependencies passed in) → store/. schemas/ and templates/ are pure
 * data shared by everyone; the editor talks to the server through schemas/ only.
 */
const server = (dirs) => `^server/(${dirs.join('|')})/`;

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
    {
      name: 'store-is-the-bottom',
      severity: 'error',
      comment: 'The store knows tables, not use cases, rules or adapters.',
      from: { path: '^server/store/' },
      to: { path: server(['http', 'collab', 'commands', 'governance', 'export', 'queries', 'policies', 'seed', 'auth']) },
    },
    {
      name: 'rules-and-read-models-below-commands',
      severity: 'error',
      comment: 'governance/, export/ and queries/ take what they need as arguments (server/deps.ts) and never call a use case or an adapter.',
      from: { path: server(['governance', 'export', 'queries']) },
      to: { path: server(['commands', 'http', 'collab', 'seed']) },
    },
    {
      name: 'commands-below-adapters',
      severity: 'error',
      comment: 'A use case does not know whether HTTP or a WebSocket called it (server/errors.ts, not http/errors.ts).',
      from: { path: '^server/commands/' },
      to: { path: server(['http', 'collab']) },
    },
    {
      name: 'http-is-an-adapter',
      severity: 'error',
      comment: 'Only the composition (server/app.ts) mounts the HTTP layer.',
      from: { path: '^server/', pathNot: '^server/(http/|app\\.ts$)' },
      to: { path: '^server/http/' },
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
