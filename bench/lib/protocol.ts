/** Messages between the bench runner and its editor worker processes (child_process IPC). */

export interface EditorSpec {
  /** Base WebSocket URL the provider appends `/<room>` to. */
  wsBase: string;
  room: string;
  /** Query parameters (our server's `token`). */
  params: Record<string, string>;
  /** Root fragment the editor types in (`section:<id>`). */
  fragment: string;
}

export interface TypingPlan {
  durationMs: number;
  /** Milliseconds between keystrokes inside a word, as [min, max]. */
  keystrokeMs: [number, number];
  /** Keystrokes per word, as [min, max]. */
  wordLength: [number, number];
  /** Pause after a word (reading, thinking), as [min, max] milliseconds. */
  pauseMs: [number, number];
  /** Publish the caret in awareness on every keystroke, as Tiptap's caret extension does. */
  caret: boolean;
  seed: number;
  /**
   * Type word after word with no reading pause: the probe editors do, so that the latency
   * between unstarved processes has enough samples.
   */
  steady?: boolean;
}

export type ToWorker =
  /** `probes`: this worker hosts the probe editors (their tokens are marked as such). */
  | { type: 'connect'; editors: EditorSpec[]; probes: boolean }
  /** Wait until every editor sees `paragraphs[room]` paragraphs and the worker is idle again. */
  | { type: 'settle'; paragraphs: Record<string, number>; fragments: string[] }
  | { type: 'type'; plan: TypingPlan }
  | { type: 'stop' };

export interface TypingResult {
  /** Sparse latency histogram: bucket index → count (see stats.ts). */
  histogram: Record<number, number>;
  /** The same, for keystrokes typed by probe editors only. */
  fromProbes: Record<number, number>;
  keystrokes: number;
  keystrokesByRoom: Record<string, number>;
  deliveries: number;
  /** Connections lost during the run (the provider reconnects by itself). */
  reconnects: number;
  closeCodes: number[];
  cpuMs: number;
  /** p99 of the worker's event-loop delay while typing: how late it was to handle what arrived. */
  loopDelayP99Ms: number;
  /** Room → the state vector of each editor in it once typing settled (all equal = converged). */
  stateVectors: Record<string, string[]>;
}

export type FromWorker =
  | { type: 'connected'; ms: number }
  | { type: 'settled'; ms: number }
  | { type: 'typed'; result: TypingResult }
  | { type: 'error'; message: string };
