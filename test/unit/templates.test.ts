import { describe, it, expect } from 'vitest';
import { getSchema, type JSONContent } from '@tiptap/core';
import { documentKinds, type ChapterTemplate, type DocumentKind } from '../../schemas/project';
import { richTextExtensions } from '../../schemas/richText';
import { chapterIds, getTemplate, mandatoryChapterIds, modalities, templates } from '../../templates';
import { demoPmpContent, demoPmpTitle } from '../../server/seed/demoContent';

/**
 * Mandatory parts of each document kind, as the CSP lists them (see each template's legal basis) (one id per part; a part split
 * into sub-chapters lists the parent and its children).
 */
const pmpMandatory = [
  'objectifs-medicaux', // 1. objectifs médicaux
  'qualite-securite-pertinence', // 2. qualité, sécurité, pertinence
  'offre-soins-graduee', // 3. organisation par filière d'une offre graduée
  'filieres', // 4. principes d'organisation par filière × établissement × modalité a–h
  'biologie-imagerie-pharmacie', // 5. biologie, imagerie (dont interventionnelle), pharmacie
  'biologie-medicale',
  'imagerie-medicale',
  'pharmacie',
  'association-chu', // 6. association au CHU
  'emplois-medicaux-pharmaceutiques', // 7. répartition des emplois (le cas échéant)
  'equipes-medicales-communes', // 8. équipes médicales communes
  'liens-territoriaux', // 10° and 11°: PTSM, hôpitaux de proximité, exercice coordonné (verified)
  'suivi-evaluation', // 12° modalités de suivi et d'évaluation
];

const expectedMandatory: Record<DocumentKind, string[]> = {
  PM: [
    'objectifs-medicaux', // D6143-37-1 1°
    'qualite-securite-soins', // 2°
    'recherche-innovation', // 3° (le cas échéant ; toujours en CHU)
    'organisation-moyens-medicaux', // 4°
    'volet-palliatif', // 6°
    'coherence-cpom-pmp', // mesures prises en application du CPOM (D6143-37-1, 2e alinéa)
    'cooperations-ville-medico-social', // articulations (L6143-2-2, 4e alinéa)
    'annexe-poles', // 5° (le cas échéant : sans pôles, « sans objet » justifié)
  ],
  PMP: pmpMandatory,
  // No regulatory list: the GHT's convention organises the PSP (R6132-12).
  PSP: [],
  // L6143-2-2 (verified), including the services giving palliative care; training and research in a CHU.
  PSIRMT: ['objectifs-soins', 'qualite-securite-soins', 'filieres-soins', 'volet-palliatif', 'liens-territoriaux'],
  // The PMP's mandatory parts (the PSP adds none).
  PMSP: pmpMandatory,
  // The bilan annuel (issue 24): pre-filled parts and the president's commentary (D6143-37-1, D6132-9-9).
  BILAN: ['synthese', 'indicateurs', 'fiches-actions', 'actes', 'commentaire-president'],
};

/** Optional chapters the product relies on (e.g. named in the task or in other templates). */
const expectedOptional: Partial<Record<DocumentKind, string[]>> = {
  PM: ['diagnostic', 'suivi-evaluation'],
  PMP: ['besoins-defense'],
  PSIRMT: ['formation-recherche-soins'],
  PMSP: ['objectifs-soins', 'organisation-soignante', 'formation-recherche-soins', 'experience-patient', 'besoins-defense'],
};

function allChapters(chapters: ChapterTemplate[]): ChapterTemplate[] {
  return chapters.flatMap((c) => [c, ...allChapters(c.children ?? [])]);
}

const sorted = (ids: string[]) => [...ids].sort();

describe('document templates', () => {
  it('has one template per document kind', () => {
    expect(sorted(Object.keys(templates))).toEqual(sorted([...documentKinds]));
    for (const kind of documentKinds) {
      expect(getTemplate(kind)).toBe(templates[kind]);
      expect(templates[kind].kind).toBe(kind);
    }
    expect(() => getTemplate('XYZ' as DocumentKind)).toThrow();
    expect(() => getTemplate('toString' as DocumentKind)).toThrow();
  });

  describe.each(documentKinds)('%s', (kind) => {
    const template = templates[kind];
    const chapters = allChapters(template.chapters);

    it('has a version, a French label and a legal basis', () => {
      // Version 2: the mandatory parts as the law stands (issue 17); the bilan came later (issue 24).
      expect(template.version).toBe(kind === 'BILAN' ? 1 : 2);
      expect(template.label.trim()).not.toBe('');
      expect(template.legalBasis.trim()).not.toBe('');
    });

    it('contains every mandatory part the CSP lists, marked mandatory, and no other mandatory chapter', () => {
      const ids = chapterIds(template);
      for (const id of expectedMandatory[kind]) expect(ids, `missing chapter ${id}`).toContain(id);
      expect(sorted(mandatoryChapterIds(template))).toEqual(sorted(expectedMandatory[kind]));
    });

    it('keeps its optional chapters optional', () => {
      const byId = new Map(chapters.map((c) => [c.id, c]));
      for (const id of expectedOptional[kind] ?? []) {
        expect(byId.get(id), `missing chapter ${id}`).toBeDefined();
        expect(byId.get(id)?.mandatory).toBe(false);
      }
    });

    it('has unique, stable slug ids', () => {
      const ids = chapters.map((c) => c.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    });

    it('gives every chapter a title and guidance, and every mandatory chapter a legal basis', () => {
      for (const chapter of chapters) {
        expect(chapter.title.trim(), chapter.id).not.toBe('');
        expect(chapter.guidance?.trim(), chapter.id).toBeTruthy();
        if (chapter.mandatory) expect(chapter.legalBasis?.trim(), chapter.id).toBeTruthy();
      }
    });

    it('lists mandatory ids recursively, in document order', () => {
      const expected = chapters.filter((c) => c.mandatory).map((c) => c.id);
      expect(mandatoryChapterIds(template)).toEqual(expected);
    });
  });

  it('says nothing is left "à confirmer" where the texts are verified, and no "livraison par étapes"', () => {
    for (const kind of documentKinds) {
      for (const chapter of allChapters(templates[kind].chapters)) {
        expect(`${chapter.legalBasis ?? ''} ${chapter.guidance ?? ''}`, `${kind} ${chapter.id}`).not.toMatch(/à confirmer|livraison par étapes|CTEC/);
      }
    }
  });

  it('PM: the CPOM measures and the links in conformity with the PMP and PSP are mandatory; the pôles annex may be "sans objet"', () => {
    const byId = new Map(allChapters(templates.PM.chapters).map((c) => [c.id, c]));
    expect(byId.get('coherence-cpom-pmp')).toMatchObject({ title: 'Mesures prises en application du CPOM', mandatory: true, legalBasis: 'D6143-37-1 al. 2' });
    expect(byId.get('cooperations-ville-medico-social')).toMatchObject({ mandatory: true, legalBasis: 'L6143-2-2 al. 4' });
    expect(byId.get('cooperations-ville-medico-social')!.guidance).toMatch(/projet médical partagé et le projet de soins partagé/);
    expect(byId.get('annexe-poles')).toMatchObject({ mandatory: true, mayBeNotApplicable: true });
    expect(byId.get('recherche-innovation')).toMatchObject({ mayBeNotApplicable: true, mandatoryInChu: true });
    // Guidance a PCME wants, each with its basis.
    expect(byId.get('qualite-securite-soins')!.guidance).toMatch(/programme d’actions de la CME.*commission des usagers \(L6144-1\)/);
    expect(byId.get('organisation-moyens-medicaux')!.guidance).toMatch(/GPEC/);
    expect(byId.get('cooperations-ville-medico-social')!.guidance).toMatch(/L6132-2-2/);
    expect(templates.PM.optionalChapters?.map((c) => c.id)).toEqual([
      'programme-qualite-cme',
      'attractivite-carrieres',
      'sante-numerique',
      'capacitaire',
      'sante-environnementale',
      'recherche-par-pole',
    ]);
    expect(templates.PM.optionalChapters?.every((c) => !c.mandatory)).toBe(true);
  });

  it('PMP: the CMG elaborates it; 4° a) refers to the PDSES; PSIRMT training and research are mandatory in a CHU', () => {
    const pmp = new Map(allChapters(templates.PMP.chapters).map((c) => [c.id, c]));
    expect(pmp.get('objectifs-medicaux')!.guidance).toMatch(/La CMG élabore le projet médical partagé \(L6132-2-1, D6132-9 I\)/);
    expect(pmp.get('filieres')!.guidance).toMatch(/PDSES, R6132-3 I 4° a/);
    const psirmt = allChapters(templates.PSIRMT.chapters).find((c) => c.id === 'formation-recherche-soins')!;
    expect(psirmt).toMatchObject({ mandatory: false, mandatoryInChu: true });
  });

  it('keeps every PMP chapter in the PMSP', () => {
    const pmsp = chapterIds(templates.PMSP);
    for (const id of chapterIds(templates.PMP)) expect(pmsp).toContain(id);
  });

  it('lists the eight modalities a–h of R6132-3 4°, explained in the filières guidance', () => {
    expect(modalities.map((m) => m.letter)).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']);
    expect(new Set(modalities.map((m) => m.id)).size).toBe(8);
    expect(modalities[0]).toMatchObject({ id: 'permanence-continuite', label: 'Permanence et continuité des soins' });
    const filieres = templates.PMP.chapters.find((c) => c.id === 'filieres');
    for (const m of modalities) {
      expect(m.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(filieres?.guidance?.toLowerCase()).toContain(`${m.letter}) ${m.label.toLowerCase()}`);
    }
  });
});

describe('demo PMP content', () => {
  const schema = getSchema(richTextExtensions());
  const pmpIds = chapterIds(templates.PMP);

  it('rejects a document that breaks the schema (the check is meaningful)', () => {
    const invalid = { type: 'doc', content: [{ type: 'listItem', content: [{ type: 'paragraph' }] }] };
    expect(() => schema.nodeFromJSON(invalid).check()).toThrow();
    const badTable = { type: 'doc', content: [{ type: 'table', content: [{ type: 'paragraph' }] }] };
    expect(() => schema.nodeFromJSON(badTable).check()).toThrow();
  });

  it('has a title', () => {
    expect(demoPmpTitle).toBe('Projet médical partagé 2026–2030');
  });

  it('only uses PMP chapter ids and fills several of them, leaving a draft', () => {
    const keys = Object.keys(demoPmpContent);
    for (const key of keys) expect(pmpIds).toContain(key);
    expect(keys.length).toBeGreaterThanOrEqual(5);
    expect(keys.length).toBeLessThan(pmpIds.length);
  });

  it.each(Object.entries(demoPmpContent))('%s is a valid document in the rich-text schema', (_id, json) => {
    expect(json.type).toBe('doc');
    const node = schema.nodeFromJSON(json);
    expect(() => node.check()).not.toThrow();
    // Nothing is silently dropped: every text of the JSON is in the parsed document.
    const jsonText = (n: JSONContent): string => (n.text ?? '') + (n.content ?? []).map(jsonText).join('');
    expect(node.textContent).toBe(jsonText(json));
    expect(node.textContent.length).toBeGreaterThan(200);
    const types = new Set<string>();
    node.descendants((n) => void types.add(n.type.name));
    expect(types.has('paragraph')).toBe(true);
  });

  it('includes an indicator table with a header row', () => {
    const tables: JSONContent[] = [];
    const visit = (n: JSONContent) => {
      if (n.type === 'table') tables.push(n);
      n.content?.forEach(visit);
    };
    Object.values(demoPmpContent).forEach(visit);
    expect(tables.length).toBeGreaterThanOrEqual(1);
    const header = tables[0]!.content![0]!;
    const headerText = header.content!.map((cell) => {
      expect(cell.type).toBe('tableHeader');
      return cell.content![0]!.content![0]!.text;
    });
    expect(headerText).toEqual(['Indicateur', 'Méthode de construction', 'Valeur d’origine (date)', 'Valeur cible (date)']);
  });
});
