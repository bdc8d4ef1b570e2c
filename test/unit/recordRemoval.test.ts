import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { initDocument } from '../../schemas/docLayout';
import { fichesActionsMap, filieresMap, indicatorRows } from '../../schemas/structured';
import { addEtape, addFicheAction, addFiliere, addIndicator, removeIndicator, removeRecord } from '../../schemas/structuredEdits';
import { scopeOfUpdate } from '../../server/yjs/updateScope';
import { zoneViolation } from '../../server/policies/documentZones';
import { pmpTemplate } from '../../templates';

/** The server's document and an editor's copy; each update of the editor is checked by the guard, then applied. */
function editorAndServer() {
  const server = new Y.Doc();
  initDocument(server, pmpTemplate, { title: 'PMP', etablissements: [{ id: 'e1', name: 'CH de Rive-Haute' }] });
  const editor = new Y.Doc();
  Y.applyUpdate(editor, Y.encodeStateAsUpdate(server));
  const refusals: (string | null)[] = [];
  editor.on('update', (update: Uint8Array) => {
    const violation = zoneViolation(server, scopeOfUpdate(server, Y.decodeUpdate(update)), { canEditLocked: false, userId: 'editor', canManage: false });
    refusals.push(violation?.detail ?? null);
    if (!violation) Y.applyUpdate(server, update);
  });
  return { server, editor, refusals };
}

describe('the update guard and removed records', () => {
  it('lets an editor remove an indicator row, a filière and an étape whole (their fields go with them)', () => {
    const { server, editor, refusals } = editorAndServer();
    const row = addIndicator(editor, 'suivi-evaluation', { indicateur: 'Taux de chirurgie ambulatoire' });
    removeIndicator(editor, 'suivi-evaluation', row);
    const filiere = addFiliere(editor, 'filieres', 'Cancérologie');
    removeRecord(editor, 'filieres', filiere);
    const fiche = addFicheAction(editor, 'filieres', { title: 'Consultations avancées' });
    addEtape(editor, fiche, 'Recrutement', '');
    (fichesActionsMap(editor).get(fiche)!.get('etapes') as Y.Array<unknown>).delete(0, 1);
    expect(refusals).toEqual(Array(refusals.length).fill(null));
    expect(indicatorRows(server, 'suivi-evaluation')!.length).toBe(0);
    expect(filieresMap(server).has(filiere)).toBe(false);
  });

  it('still refuses removing a field from a record that stays', () => {
    const { editor, refusals } = editorAndServer();
    const filiere = addFiliere(editor, 'filieres', 'Cancérologie');
    filieresMap(editor).get(filiere)!.delete('sectionId');
    expect(refusals).toEqual([null, 'removal of field sectionId']);
  });
});
