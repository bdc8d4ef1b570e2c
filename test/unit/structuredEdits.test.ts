import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addObjectif, removeRecord } from '../../schemas/structuredEdits';

describe('removeRecord on objectives', () => {
  it('removes a whole branch', () => {
    const doc = new Y.Doc();
    const axe = addObjectif(doc, 's', 'axe', 'Axe');
    const strat = addObjectif(doc, 's', 'strategique', 'Stratégique', axe);
    addObjectif(doc, 's', 'operationnel', 'Opérationnel', strat);
    const other = addObjectif(doc, 's', 'axe', 'Autre axe');
    removeRecord(doc, 'objectifs', axe);
    expect([...doc.getMap('objectifs').keys()]).toEqual([other]);
  });
});
