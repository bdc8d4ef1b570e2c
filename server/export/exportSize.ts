import { exportTooLarge } from './errors';
import type { ModelSource } from './model/fromState';

/**
 * The size of an export is the size of its document's encoded Y.Doc state: about 5 KB per
 * printed page (close to the model's own size as JSON: deleted text is garbage-collected), known
 * before anything is built. Past `maxBytes` the export is refused (413) before it takes a slot:
 * rendering time and memory grow with it (a 300-page PMP: 1.5 MB, a PDF in about 7 s on an
 * idle server).
 */
export function checkExportSize(source: ModelSource, maxBytes: number): ModelSource {
  if (source.state.byteLength > maxBytes) throw exportTooLarge(source.state.byteLength, maxBytes);
  return source;
}
