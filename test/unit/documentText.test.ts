import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { countDocumentWords, documentTextUnits } from '../../schemas/documentText';
import { initDocument } from '../../schemas/docLayout';
import { personIdKey } from '../../schemas/fichePeople';
import { fichesActionsMap } from '../../schemas/structured';
import { addEtape, addFicheAction, addFiliere, addIndicator, addObjectif, setMatrixCell } from '../../schemas/structuredEdits';
import { findMatches, snippetAround } from '../../schemas/textSearch';
import { getTemplate } from '../../templates';
import { appendParagraph } from '../helpers/richText';

/** What the find bar, the search across projects and the word count read of a document (issue 20). */
describe('the text of a document', () => {
  it('reads each section’s rich text then every structured text field, in the editor’s order', () => {
    const doc = new Y.Doc();
    initDocument(doc, getTemplate('PMP'), { title: 'PMP', etablissements: [{ id: 'ch-a', name: 'CH A' }] });
    appendParagraph(doc, 'filieres', 'Texte de la filière');
    const filiere = addFiliere(doc, 'filieres', 'Cardiologie');
    setMatrixCell(doc, filiere, 'permanence-continuite', 'ch-a', 'Astreinte de cardiologie');
    const fiche = addFicheAction(doc, 'filieres', { title: 'Télécardiologie', piloteMedical: 'Dr Libre' });
    addEtape(doc, fiche, 'Recruter', '2027-01-01');
    addIndicator(doc, fiche, { indicateur: 'Délai' });
    fichesActionsMap(doc).get(fiche)!.set(personIdKey('directeurReferent'), 'u1');
    addIndicator(doc, 'suivi-evaluation', { methode: 'Médiane' });
    addObjectif(doc, 'objectifs-medicaux', 'axe', 'Cœur de métier');
    const units = documentTextUnits(doc, { personName: (id) => (id === 'u1' ? 'Marc Leroy' : undefined) }).filter((u) => u.text !== '');
    expect(units.map((u) => [u.sectionId, u.label, u.text])).toEqual([
      ['objectifs-medicaux', 'Axe', 'Cœur de métier'],
      ['filieres', 'Texte', 'Texte de la filière'],
      ['filieres', 'Filière « Cardiologie » — Nom', 'Cardiologie'],
      ['filieres', 'Filière « Cardiologie » — a) Permanence des soins — CH A', 'Astreinte de cardiologie'],
      ['filieres', 'Fiche-action « Télécardiologie » — Titre', 'Télécardiologie'],
      ['filieres', 'Fiche-action « Télécardiologie » — Pilote médical', 'Dr Libre'],
      ['filieres', 'Fiche-action « Télécardiologie » — Directeur référent', 'Marc Leroy'],
      ['filieres', 'Fiche-action « Télécardiologie » — Étape 1', 'Recruter'],
      ['filieres', 'Fiche-action « Télécardiologie » — Indicateur 1 — Indicateur', 'Délai'],
      ['suivi-evaluation', 'Indicateur 1 — Méthode de construction', 'Médiane'],
    ]);
    // Member names are not words of the document when no name is given (the editor's count).
    expect(countDocumentWords(doc)).toBe(3 + 4 + 1 + 3 + 1 + 2 + 1 + 1 + 1);
  });

  it('matches accents, case, ligatures and apostrophes alike, in offsets of the original text', () => {
    const text = 'Le CŒUR de l’Hôpital, le coeur de l\u2019hopital.';
    const found = findMatches(text, "coeur de l'hopital").map((m) => text.slice(m.start, m.end));
    expect(found).toEqual(['CŒUR de l’Hôpital', 'coeur de l\u2019hopital']);
    expect(findMatches(text, '   ')).toEqual([]);
    const long = `${'mot '.repeat(40)}téléradiologie${' fin'.repeat(40)}`;
    const snippet = snippetAround(long, findMatches(long, 'TELERADIOLOGIE')[0]!);
    expect(snippet.text.slice(snippet.start, snippet.end)).toBe('téléradiologie');
    expect(snippet.text.startsWith('… ') && snippet.text.endsWith(' …')).toBe(true);
  });
});
