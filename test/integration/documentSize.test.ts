import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DocumentRegistry } from '../../server/collab/registry';
import type { UpdateRefusal } from '../../server/collab/loadedDocument';
import { createLogger } from '../../server/log';
import { openDatabase, type Db } from '../../server/store/db';
import { sqliteDocumentStore } from '../../server/store/documents';
import { tempDir } from '../helpers/testServer';

/**
 * The size limit counts what the document holds, not the history of what was typed and erased:
 * an editor pasting and deleting large texts once filled the update log up to the limit, and
 * then every editor's update was refused (4413) until the next compaction.
 */
let db: Db;
let registry: DocumentRegistry;
const maxDocumentBytes = 1 << 20;
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

afterEach(() => {
  registry.closeAll();
  db.close();
});

function open(): void {
  db = openDatabase(tempDir('pmp-document-size-'));
  registry = new DocumentRegistry(sqliteDocumentStore(db), { idleMs: 60_000, maxDocumentBytes, compactEvery: 1000, logger: createLogger('silent') });
}

describe('document size limit', () => {
  it('folds the update log before refusing: text pasted and erased again and again does not lock the document', async () => {
    open();
    const loaded = registry.get('doc');
    const client = new Y.Doc();
    const sent: Uint8Array[] = [];
    client.on('update', (update: Uint8Array) => sent.push(update));
    const body = client.getText('body');
    const refused: UpdateRefusal[] = [];
    const chunk = 'x'.repeat(200_000);
    // Ten pastes of 200 kB, each erased: 2 MB of log for a document that ends nearly empty.
    for (let i = 0; i < 10; i++) {
      body.insert(0, chunk);
      body.delete(0, chunk.length);
      for (const update of sent.splice(0)) {
        const refusal = loaded.applyClientUpdate(update, null, undefined, (r) => refused.push(r));
        if (refusal) refused.push(refusal);
      }
      await nextTurn();
    }
    body.insert(0, 'Texte final.');
    for (const update of sent.splice(0)) expect(loaded.applyClientUpdate(update, null, undefined, (r) => refused.push(r))).toBeNull();
    await nextTurn();
    expect(refused).toEqual([]);
    expect(loaded.doc.getText('body').toString()).toBe('Texte final.');
  });

  it('still refuses what would really make the document too large', async () => {
    open();
    const loaded = registry.get('doc');
    const client = new Y.Doc();
    const sent: Uint8Array[] = [];
    client.on('update', (update: Uint8Array) => sent.push(update));
    const refusals: (UpdateRefusal | null)[] = [];
    for (let i = 0; i < 8; i++) {
      client.getText('body').insert(0, 'y'.repeat(200_000));
      for (const update of sent.splice(0)) refusals.push(loaded.applyClientUpdate(update, null, undefined, () => {}));
      await nextTurn();
    }
    expect(refusals).toContain('tooLarge');
    expect(loaded.doc.getText('body').length).toBeLessThanOrEqual(maxDocumentBytes);
  });
});
