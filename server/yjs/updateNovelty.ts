import * as Y from 'yjs';

/** An update as `Y.decodeUpdate` gives it: its structs and its delete set, not applied. */
export type DecodedUpdate = ReturnType<typeof Y.decodeUpdate>;

/** The document already holds every clock of this struct. */
export const isIntegrated = (doc: Y.Doc, struct: { id: Y.ID; length: number }): boolean =>
  Y.getState(doc.store, struct.id.client) >= struct.id.clock + struct.length;

/**
 * True when applying the update to `doc` would change nothing: every struct is already
 * integrated and every deletion already done. A y-websocket client answers each sync with the
 * whole delete set of its document, so without this check every reconnect of every editor
 * appended a redundant row to the log — and, while the store refuses writes, an editor with
 * nothing to save was closed with 4503 on every reconnect. When in doubt it answers false (the
 * update is then persisted as any other).
 */
export function bringsNothingNew(doc: Y.Doc, decoded: DecodedUpdate): boolean {
  for (const struct of decoded.structs) {
    if (struct instanceof Y.Skip) continue;
    if (!isIntegrated(doc, struct)) return false;
  }
  for (const [client, ranges] of decoded.ds.clients) {
    const structs = doc.store.clients.get(client);
    const known = Y.getState(doc.store, client);
    for (const { clock, len } of ranges) {
      if (len === 0) continue;
      if (!structs || clock + len > known) return false;
      for (let i = Y.findIndexSS(structs, clock); i < structs.length && structs[i]!.id.clock < clock + len; i++) {
        if (!structs[i]!.deleted) return false;
      }
    }
  }
  return true;
}
