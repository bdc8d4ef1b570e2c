import * as Y from 'yjs';

/** One formatted run of a section's text: a delta op of one Y.XmlText, where it is. */
export interface TextRun {
  text: Y.XmlText;
  /** Offset of the run in its Y.XmlText. */
  index: number;
  length: number;
  /** The run's characters (an embed is shown as U+FFFC). */
  insert: string;
  attributes: Record<string, unknown>;
}

export type TreeEvent = { kind: 'open'; element: Y.XmlElement } | { kind: 'close'; element: Y.XmlElement } | { kind: 'run'; run: TextRun };

/** The events of a section's tree in document order: elements opened and closed, text runs between. */
export function* walkFragment(type: Y.XmlFragment | Y.XmlElement): Generator<TreeEvent> {
  for (const child of type.toArray()) {
    if (child instanceof Y.XmlText) {
      let index = 0;
      for (const op of child.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]) {
        const insert = typeof op.insert === 'string' ? op.insert : '\uFFFC';
        yield { kind: 'run', run: { text: child, index, length: insert.length, insert, attributes: op.attributes ?? {} } };
        index += insert.length;
      }
    } else if (child instanceof Y.XmlElement) {
      yield { kind: 'open', element: child };
      yield* walkFragment(child);
      yield { kind: 'close', element: child };
    }
  }
}
