import ICAL from 'ical.js';
import { beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { initDocument, sectionsMap } from '../../schemas/docLayout';
import { addFiliere, addIndicator } from '../../schemas/structuredEdits';
import { contentFingerprint } from '../../server/governance/content';
import { diffContents } from '../../server/governance/diff';
import { escapeText, foldLine, renderCalendar } from '../../server/governance/ics';
import { diffLines } from '../../server/governance/textDiff';
import { getTemplate } from '../../templates';
import { appendParagraph } from '../helpers/richText';
import { loadRichText } from '../../server/richText/runtime';

// The server loads Tiptap on first need (http/richTextGate.ts); these call the model directly.
beforeAll(() => loadRichText());

/** Versions are compared by content: hash of a canonical rendering, and a readable diff. */

function pmDoc(paragraphs: Record<string, string[]>): Y.Doc {
  const doc = new Y.Doc();
  initDocument(doc, getTemplate('PM'), { title: 'Projet médical 2027–2031' });
  for (const [sectionId, lines] of Object.entries(paragraphs)) for (const line of lines) appendParagraph(doc, sectionId, line);
  return doc;
}

describe('content hash', () => {
  it('is the same for the same content, whatever the Yjs history', () => {
    const a = pmDoc({ 'objectifs-medicaux': ['Développer l’ambulatoire.', 'Renforcer les urgences.'] });
    // Same text reached another way: typed, deleted, retyped by another client.
    const b = pmDoc({ 'objectifs-medicaux': ['Développer l’ambulatoire.', 'Brouillon à supprimer'] });
    const fragment = b.getXmlFragment('section:objectifs-medicaux');
    fragment.delete(1, 1);
    appendParagraph(b, 'objectifs-medicaux', 'Renforcer les urgences.');
    expect(Y.encodeStateAsUpdate(a)).not.toEqual(Y.encodeStateAsUpdate(b));
    expect(contentFingerprint(a).hash).toBe(contentFingerprint(b).hash);
    expect(contentFingerprint(a).hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('ignores the writing status but not the text, titles or structured parts', () => {
    const doc = pmDoc({ 'objectifs-medicaux': ['Texte.'] });
    const before = contentFingerprint(doc).hash;
    sectionsMap(doc).get('objectifs-medicaux')!.set('status', 'valide');
    expect(contentFingerprint(doc).hash).toBe(before);
    appendParagraph(doc, 'volet-palliatif', 'Unité de soins palliatifs au CH.');
    const afterText = contentFingerprint(doc).hash;
    expect(afterText).not.toBe(before);
    sectionsMap(doc).get('volet-palliatif')!.set('title', 'Volet palliatif (révisé)');
    expect(contentFingerprint(doc).hash).not.toBe(afterText);
  });
});

describe('diff of two versions', () => {
  it('names the sections changed, added and removed, with the lines of text', () => {
    const before = pmDoc({ 'objectifs-medicaux': ['Ligne A.', 'Ligne B.'], 'volet-palliatif': ['Soins palliatifs.'] });
    const a = contentFingerprint(before).content;
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(before));
    const fragment = doc.getXmlFragment('section:objectifs-medicaux');
    fragment.delete(1, 1);
    appendParagraph(doc, 'objectifs-medicaux', 'Ligne C.');
    const added = new Y.Map<unknown>();
    for (const [k, v] of Object.entries({ title: 'Annexe nouvelle', parentId: null, position: 99, mandatory: false, status: 'a_rediger' })) added.set(k, v);
    sectionsMap(doc).set('annexe-nouvelle', added);
    appendParagraph(doc, 'annexe-nouvelle', 'Contenu ajouté.');
    sectionsMap(doc).delete('volet-palliatif');
    const b = contentFingerprint(doc).content;

    const diff = diffContents(a, b);
    expect(diff.sections.map((s) => [s.sectionId, s.change])).toEqual([
      ['objectifs-medicaux', 'changed'],
      ['annexe-nouvelle', 'added'],
      ['volet-palliatif', 'removed'],
    ]);
    const changed = diff.sections[0]!;
    expect(changed.title).toBe('Objectifs médicaux');
    expect(changed.moved).toBe(false);
    expect(changed.text!.lines).toEqual([
      { op: 'equal', text: 'Ligne A.' },
      { op: 'removed', text: 'Ligne B.' },
      { op: 'added', text: 'Ligne C.' },
    ]);
    expect(diff.summary).toBe('1 section modifiée, 1 section ajoutée, 1 section supprimée : « Objectifs médicaux », « Annexe nouvelle », « Volet palliatif ».');
    expect(diffContents(a, a)).toEqual({ title: null, sections: [], summary: 'Aucune modification du texte.' });
  });

  it('reports structured parts of a section (filières, indicators)', () => {
    const doc = new Y.Doc();
    initDocument(doc, getTemplate('PMP'), { title: 'PMP' });
    const a = contentFingerprint(doc).content;
    addFiliere(doc, 'filieres', 'Filière urgences');
    addIndicator(doc, 'suivi-evaluation', { indicateur: 'Délai de passage aux urgences' });
    const diff = diffContents(a, contentFingerprint(doc).content);
    expect(diff.sections.map((s) => s.sectionId)).toEqual(['filieres', 'suivi-evaluation']);
    expect(diff.sections[0]!.structured).toEqual([expect.objectContaining({ part: 'filiere', label: 'Filière urgences', change: 'added' })]);
    expect(diff.sections[1]!.structured).toEqual([expect.objectContaining({ part: 'indicator', label: 'Délai de passage aux urgences', change: 'added' })]);
    expect(diff.sections[0]!.text).toBeNull();
  });

  it('line diff keeps order and common lines', () => {
    expect(diffLines(['a', 'b', 'c'], ['a', 'c', 'd'])).toEqual([
      { op: 'equal', text: 'a' },
      { op: 'removed', text: 'b' },
      { op: 'equal', text: 'c' },
      { op: 'added', text: 'd' },
    ]);
  });
});

describe('iCalendar', () => {
  it('escapes text and folds long lines at 75 octets without splitting characters', () => {
    expect(escapeText('a, b; c\\d\ne')).toBe('a\\, b\\; c\\\\d\\ne');
    const folded = foldLine(`DESCRIPTION:${'é'.repeat(60)}`);
    for (const line of folded.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(folded.split('\r\n ').join('')).toBe(`DESCRIPTION:${'é'.repeat(60)}`);
  });

  it('parses with ical.js; Paris wall-clock times map to the right instants in winter and summer', () => {
    const text = renderCalendar('Instances, séances', [
      {
        uid: 'seance-1@pmp-workbench',
        date: '2027-03-09',
        startTime: '14:00',
        endTime: '16:30',
        summary: 'CMG — GHT',
        description: 'Ordre du jour :\n• PMP : avis',
        location: 'Salle du conseil, bât. A',
        status: 'CONFIRMED',
        updatedAt: '2027-01-02T10:00:00.000Z',
      },
      {
        uid: 'seance-2@pmp-workbench',
        date: '2027-04-06',
        startTime: '23:00',
        endTime: null,
        summary: 'Directoire',
        description: '',
        location: '',
        status: 'CANCELLED',
        updatedAt: '2027-01-02T10:00:00.000Z',
      },
      {
        uid: 'seance-3@pmp-workbench',
        date: '2027-05-04',
        startTime: null,
        endTime: null,
        summary: 'Comité des élus',
        description: '',
        location: '',
        status: 'CONFIRMED',
        updatedAt: '2027-01-02T10:00:00.000Z',
      },
    ]);
    expect(text.endsWith('\r\n')).toBe(true);
    const calendar = new ICAL.Component(ICAL.parse(text));
    for (const tz of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
    const events = calendar.getAllSubcomponents('vevent').map((c) => new ICAL.Event(c));
    expect(events.map((e) => e.uid)).toEqual(['seance-1@pmp-workbench', 'seance-2@pmp-workbench', 'seance-3@pmp-workbench']);
    expect(events[0]!.component.getFirstProperty('dtstart')!.getParameter('tzid')).toBe('Europe/Paris');
    expect(events[0]!.startDate.zone!.tzid).toBe('Europe/Paris');
    expect(events[0]!.startDate.toJSDate().toISOString()).toBe('2027-03-09T13:00:00.000Z');
    expect(events[0]!.endDate.toJSDate().toISOString()).toBe('2027-03-09T15:30:00.000Z');
    expect(events[0]!.location).toBe('Salle du conseil, bât. A');
    expect(events[0]!.description).toBe('Ordre du jour :\n• PMP : avis');
    // Summer time, and a default two-hour séance running past midnight.
    expect(events[1]!.startDate.toJSDate().toISOString()).toBe('2027-04-06T21:00:00.000Z');
    expect(events[1]!.endDate.toJSDate().toISOString()).toBe('2027-04-06T23:00:00.000Z');
    expect(events[1]!.component.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(events[2]!.startDate.isDate).toBe(true);
  });
});
