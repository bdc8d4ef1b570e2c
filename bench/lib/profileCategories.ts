import fs from 'node:fs';
import { SourceMap } from 'node:module';
import { fileURLToPath } from 'node:url';

/** A frame of a V8 CPU profile (0-based line and column). */
export interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

/**
 * The parts of a keystroke's path through a collaboration server, ours or the reference
 * (`@y/websocket-server`), told apart by the source file of a frame (ours runs as one bundle:
 * its frames are mapped back to their source through the bundle's source map) or, for the
 * libraries both servers share, by the function called. A sample goes to the innermost frame a
 * rule claims, so a library's time is charged to the part that called it (the Yjs encoder to the
 * broadcast, a `ws` write to the broadcast, `Y.decodeUpdate` to the guard).
 */
const rules: { part: string; file?: RegExp; name?: RegExp }[] = [
  { part: 'guard', file: /server\/(yjs|policies)\/|collab\/(collabHooks|removedRecords)\.ts|commands\/(images|recordBin)\.ts/ },
  // Only the guard decodes an update without applying it.
  { part: 'guard', name: /^decodeUpdate(V2)?$/ },
  { part: 'journal', file: /server\/store\// },
  { part: 'group commit', file: /collab\/groupCommit\.ts/ },
  { part: 'awareness', file: /collab\/(awarenessBatch|presenceGate)\.ts|y-protocols\/awareness/ },
  { part: 'broadcast (framing, socket writes)', file: /collab\/wireFrame\.ts|ws\/lib\/sender\.js/ },
  { part: 'broadcast (framing, socket writes)', name: /^(broadcastChange|broadcast|send|updateHandler)$/ },
  { part: 'Yjs apply (both servers)', name: /^(applyUpdate(V2)?|readUpdate(V2)?|readSyncMessage|readSyncStep2|readUpdateV2)$/ },
  { part: 'receive (ws parsing, dispatch)', file: /ws\/lib\/(receiver|websocket|buffer-util|permessage-deflate)\.js|collab\/connection\.ts/ },
  { part: 'receive (ws parsing, dispatch)', name: /^(messageListener|onStreamRead)$/ },
  { part: 'garbage collector', name: /^\(garbage collector\)$/ },
  { part: 'native, unattributed ((program))', name: /^\(program\)$/ },
];

const sourceMaps = new Map<string, SourceMap | null>();
/** Source file by frame position (url:line:column). */
const sourceCache = new Map<string, string>();
/** A copy of the bundle's source map taken when the profile was made (profileWindow.ts), if any. */
let bundleMapCopy: string | null = null;

/** Maps our bundle's frames with this source map rather than the one now beside the bundle (rebuilt since). */
export function useBundleMap(file: string | null): void {
  bundleMapCopy = file && fs.existsSync(file) ? file : null;
  sourceMaps.clear();
  sourceCache.clear();
}

/** The source file of a frame: through the bundle's source map when there is one. */
function sourceOf(frame: CallFrame): string {
  if (!frame.url.startsWith('file://')) return frame.url;
  let map = sourceMaps.get(frame.url);
  if (map === undefined) {
    const mapFile = bundleMapCopy && frame.url.endsWith('/server.mjs') ? bundleMapCopy : `${fileURLToPath(frame.url)}.map`;
    map = fs.existsSync(mapFile) ? new SourceMap(JSON.parse(fs.readFileSync(mapFile, 'utf8'))) : null;
    sourceMaps.set(frame.url, map);
  }
  if (!map) return frame.url;
  const entry = map.findEntry(frame.lineNumber, frame.columnNumber) as { originalSource?: string };
  return entry.originalSource ?? frame.url;
}

/** The part a frame belongs to, or null when no rule claims it (look further out). */
export function categoryOf(frame: CallFrame): string | null {
  const key = `${frame.url}:${frame.lineNumber}:${frame.columnNumber}`;
  let source = sourceCache.get(key);
  if (source === undefined) {
    source = sourceOf(frame);
    sourceCache.set(key, source);
  }
  for (const rule of rules) {
    if (rule.file && !rule.file.test(source)) continue;
    if (rule.name && !rule.name.test(frame.functionName)) continue;
    return rule.part;
  }
  return null;
}

/** The source of a frame, for the per-function table (bundle frames mapped back). */
export const sourceFileOf = sourceOf;
