import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { scopeOfUpdate } from '../../server/yjs/updateScope';

/** The update a change makes on a copy of `doc`, as a client would send it. */
function changeOn(doc: Y.Doc, change: (copy: Y.Doc) => void): Uint8Array {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  const before = Y.encodeStateVector(copy);
  change(copy);
  return Y.encodeStateAsUpdate(copy, before);
}

function base(): Y.Doc {
  const doc = new Y.Doc();
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText('bonjour')]);
  doc.getXmlFragment('section:a').insert(0, [paragraph]);
  const section = new Y.Map<unknown>();
  section.set('title', 'A');
  doc.getMap('sections').set('a', section);
  return doc;
}

describe('scopeOfUpdate', () => {
  it('locates text typed in the middle of a paragraph (items encoded with an origin)', () => {
    const doc = base();
    const update = changeOn(doc, (copy) => {
      const text = (copy.getXmlFragment('section:a').get(0) as Y.XmlElement).get(0) as Y.XmlText;
      text.insert(3, 'XYZ');
    });
    const scope = scopeOfUpdate(doc, Y.decodeUpdate(update));
    expect([...scope.roots]).toEqual(['section:a']);
    expect(scope.unresolved).toBe(false);
  });

  it('locates a deletion and a map key inside a section entry', () => {
    const doc = base();
    const deletion = changeOn(doc, (copy) => copy.getXmlFragment('section:a').delete(0, 1));
    expect([...scopeOfUpdate(doc, Y.decodeUpdate(deletion)).roots]).toEqual(['section:a']);
    const status = changeOn(doc, (copy) => (copy.getMap('sections').get('a') as Y.Map<unknown>).set('locked', true));
    const scope = scopeOfUpdate(doc, Y.decodeUpdate(status));
    expect(scope.locations).toMatchObject([{ root: 'sections', path: ['a', 'locked'] }]);
    // The item of the section's map holds the change: checks find the record a change is in.
    expect(scope.locations[0]!.holders[0]).toBe(doc.getMap('sections')._map.get('a'));
  });

  it('flags a struct after a gap in its client’s clocks (it would wait, pending, past every check)', () => {
    const doc = base();
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
    const updates: Uint8Array[] = [];
    copy.on('update', (u: Uint8Array) => updates.push(u));
    copy.getXmlFragment('section:a').insert(0, [new Y.XmlText('un')]);
    copy.getXmlFragment('section:b').insert(0, [new Y.XmlText('deux')]);
    expect(scopeOfUpdate(doc, Y.decodeUpdate(updates[1]!)).unresolved).toBe(true);
    expect(scopeOfUpdate(doc, Y.decodeUpdate(updates[0]!)).unresolved).toBe(false);
  });

  it('flags changes that depend on structs the document does not have', () => {
    const doc = base();
    const first = changeOn(doc, (copy) => copy.getXmlFragment('section:b').insert(0, [new Y.XmlText('un')]));
    const withFirst = new Y.Doc();
    Y.applyUpdate(withFirst, Y.encodeStateAsUpdate(doc));
    Y.applyUpdate(withFirst, first);
    const second = changeOn(withFirst, (copy) => (copy.getXmlFragment('section:b').get(0) as Y.XmlText).insert(2, 'deux'));
    expect(scopeOfUpdate(doc, Y.decodeUpdate(second)).unresolved).toBe(true);
    expect(scopeOfUpdate(withFirst, Y.decodeUpdate(second)).unresolved).toBe(false);
  });
});

describe('scopeOfUpdate on a reconnecting client', () => {
  it('ignores deletions and structs the document already has', () => {
    const doc = base();
    const deletion = changeOn(doc, (copy) => (copy.getMap('sections').get('a') as Y.Map<unknown>).set('locked', true));
    Y.applyUpdate(doc, deletion);
    const unlock = changeOn(doc, (copy) => (copy.getMap('sections').get('a') as Y.Map<unknown>).set('locked', false));
    Y.applyUpdate(doc, unlock);
    // A client with the same state resends everything it has (sync step 2 against an old vector).
    const resend = Y.encodeStateAsUpdate(doc);
    const scope = scopeOfUpdate(doc, Y.decodeUpdate(resend));
    expect(scope.locations).toEqual([]);
    expect(scope.unresolved).toBe(false);
  });
});
