/**
 * The server's layers, top to bottom (docs/ARCHITECTURE.md, « Layers »): a module may import its
 * own layer and the layers below it, never one above. `.dependency-cruiser.cjs` makes a rule of
 * each (`npm run layers`) and `scripts/layersGraph.mjs` draws them (docs/layers.svg). Every
 * module of server/ belongs to one: a new folder fails the check until it is placed here.
 */
module.exports = [
  { name: 'composition', path: '^server/(main|app)\\.ts$', says: 'main.ts, app.ts: config, store, adapters and threads put together' },
  { name: 'adapters', path: '^server/(http|collab|seed)/', says: 'http/, collab/, seed/: the ways in (HTTP, WebSocket, the demo)' },
  { name: 'use cases', path: '^server/commands/', says: 'commands/: the writes, one use case each' },
  {
    name: 'rules and read models',
    path: '^server/((governance|export|queries)/|deps\\.ts$)',
    says: 'governance/, export/, queries/, deps.ts: rules and read models, given what they need (Deps)',
  },
  {
    name: 'services',
    path: '^server/(policies|auth|import|images|yjs|backup|metrics|richText)/',
    says: 'policies/, auth/, import/, images/, yjs/, backup/, metrics/, richText/: who may, and self-contained tools',
  },
  { name: 'store', path: '^server/store/', says: 'store/: SQLite and the update journal' },
  {
    name: 'kernel',
    path: '^server/(?!(main|app|deps)\\.ts$)[^/]+\\.ts$',
    says: 'errors.ts, config.ts, log.ts, liveDocuments.ts…: what every layer may name',
  },
];
