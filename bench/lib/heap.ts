import v8 from 'node:v8';
import vm from 'node:vm';
import * as Y from 'yjs';

/**
 * Heap retained by one Y.Doc holding `update`, measured in this process after full garbage
 * collections: what a loaded document costs before any server around it.
 */
export function yDocHeapMiB(update: Uint8Array, copies = 5): number {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  gc();
  const before = process.memoryUsage().heapUsed;
  const docs = Array.from({ length: copies }, () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, update);
    return doc;
  });
  gc();
  const after = process.memoryUsage().heapUsed;
  for (const doc of docs) doc.destroy();
  return (after - before) / copies / 1024 / 1024;
}
