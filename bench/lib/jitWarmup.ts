import * as Y from 'yjs';
import { fragmentName } from '../../schemas/docLayout';
import { templateSectionIds } from '../../fixtures/realisticDocument';
import { syncedProvider } from './provision';
import type { BenchServer } from './servers';

/**
 * Brings a freshly started server to the state of one that has served for a while: `keystrokes`
 * keystrokes, each with its caret, typed into document `doc` (one the editors do not use) by a
 * client of the bench process and awaited by a second one before the next. V8 optimizes a
 * function after it has run thousands of times; at light load the bench's 10 s of human typing
 * bring about 170 keystrokes, so the measured window caught both servers' per-keystroke code
 * half-optimized, ours (more code per keystroke: journal, checks, policy) more so. In a two-client
 * ping-pong, ours took 0.20 ms at the median against the reference's 0.16 from a cold start, and
 * 0.11–0.13 for both after 4 000 keystrokes, at the same CPU per keystroke.
 */
export async function warmUpJit(server: BenchServer, doc: number, keystrokes: number): Promise<void> {
  const writerDoc = new Y.Doc();
  const readerDoc = new Y.Doc();
  const writer = await syncedProvider(server.wsBase, server.room(doc), writerDoc, server.params(0, doc));
  const reader = await syncedProvider(server.wsBase, server.room(doc), readerDoc, server.params(1, doc));
  try {
    const name = fragmentName(templateSectionIds()[0]!);
    const paragraph = new Y.XmlElement('paragraph');
    const text = new Y.XmlText();
    paragraph.insert(0, [text]);
    writerDoc.getXmlFragment(name).insert(0, [paragraph]);
    const readerText = () => ((readerDoc.getXmlFragment(name).get(0) as Y.XmlElement | undefined)?.get(0) as Y.XmlText | undefined)?.length ?? -1;
    for (let k = 0; k < keystrokes; k++) {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`warm-up keystroke ${k} never arrived`)), 10_000);
        const arrived = () => {
          if (readerText() < k + 1) return;
          clearTimeout(timer);
          readerDoc.off('update', arrived);
          resolve();
        };
        readerDoc.on('update', arrived);
        text.insert(k, 'x');
        writer.awareness.setLocalStateField('cursor', { anchor: k + 1, head: k + 1 });
      });
    }
  } finally {
    writer.destroy();
    reader.destroy();
    writerDoc.destroy();
    readerDoc.destroy();
  }
}
