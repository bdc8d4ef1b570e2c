import { describe, expect, it } from 'vitest';
import { elapsedText, filenameFromDisposition } from '../../editor/src/exports/filename';
import { hashFor, parseHash } from '../../editor/src/router';
import { collapseUnchanged } from '../../editor/src/views/governance/diffModel';
import type { Timeline } from '../../editor/src/views/governance/govApi';
import { docToPlainText, plainTextToDoc } from '../../editor/src/views/governance/pvText';
import { govHash, parseGovPath, type GovPage } from '../../editor/src/views/governance/routes';
import { assignLanes, milestones, monthTicks, scaleFor } from '../../editor/src/views/governance/timelineModel';
import { numberSections } from '../../editor/src/views/governance/versionOutline';

describe('Content-Disposition file names', () => {
  it('prefers the UTF-8 name (RFC 6266) and strips path separators', () => {
    const header = `attachment; filename="PMP-Projet_m_dical-v2.pdf"; filename*=UTF-8''PMP-Projet%20m%C3%A9dical%20partag%C3%A9-v2.pdf`;
    expect(filenameFromDisposition(header, 'x.pdf')).toBe('PMP-Projet médical partagé-v2.pdf');
    expect(filenameFromDisposition('attachment; filename="rapport.docx"', 'x')).toBe('rapport.docx');
    expect(filenameFromDisposition('attachment; filename=rapport.docx', 'x')).toBe('rapport.docx');
    expect(filenameFromDisposition(`attachment; filename*=UTF-8''..%2F..%2Fetc%2Fpasswd`, 'x')).toBe('.._.._etc_passwd');
    expect(filenameFromDisposition(null, 'export.pdf')).toBe('export.pdf');
    expect(filenameFromDisposition('attachment', 'export.pdf')).toBe('export.pdf');
    expect(filenameFromDisposition(`attachment; filename*=UTF-8''%E0%A4%A`, 'export.pdf')).toBe('export.pdf');
  });

  it('says elapsed time in French words', () => {
    expect(elapsedText(1)).toBe('1 seconde');
    expect(elapsedText(7.9)).toBe('7 secondes');
    expect(elapsedText(65)).toBe('1 minute 5 secondes');
    expect(elapsedText(120)).toBe('2 minutes');
  });
});

describe('PV extract', () => {
  it('turns typed lines into paragraphs of the rich-text schema', () => {
    expect(plainTextToDoc('  \n')).toBeNull();
    const doc = plainTextToDoc('La CMG émet un avis favorable.\r\n\r\n\r\nRéserve : filière gériatrie.\n');
    expect(doc).toEqual({
      type: 'doc',
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: 'La CMG émet un avis favorable.' }] },
        { type: 'paragraph' },
        { type: 'paragraph', content: [{ type: 'text', text: 'Réserve : filière gériatrie.' }] },
      ],
    });
    expect(docToPlainText(doc)).toBe('La CMG émet un avis favorable.\n\nRéserve : filière gériatrie.');
  });
});

describe('governance routes', () => {
  const pages: GovPage[] = [
    { page: 'calendar', month: null, mode: 'mois' },
    { page: 'calendar', month: '2027-03', mode: 'mois' },
    { page: 'calendar', month: '2027-03', mode: 'liste' },
    { page: 'calendar', month: null, mode: 'liste' },
    { page: 'newSeance' },
    { page: 'seance', seanceId: 'abc-1' },
    { page: 'secretariat' },
    { page: 'notifications' },
    { page: 'ars' },
    { page: 'timeline', projectId: 'p 1' },
    { page: 'version', projectId: 'p1', versionId: 'v1' },
    { page: 'diff', projectId: 'p1', from: 'v1', to: 'current' },
  ];
  it('round-trip through the app router', () => {
    for (const page of pages) {
      const hash = govHash(page);
      expect(parseHash(hash)).toEqual({ name: 'governance', page });
      expect(hashFor({ name: 'governance', page })).toBe(hash);
    }
  });
  it('leave the project routes to the project views', () => {
    expect(parseHash('#/projets/p1')).toEqual({ name: 'project', projectId: 'p1', sectionId: null });
    expect(parseHash('#/projets/p1/sections/s1')).toMatchObject({ name: 'project', sectionId: 's1' });
    expect(parseGovPath(['projets', 'p1'])).toBeNull();
    expect(parseGovPath(['gouvernance', '2027-3'])).toBeNull();
    expect(parseHash('#/seances')).toEqual({ name: 'notFound', hash: '#/seances' });
  });
});

describe('timeline line', () => {
  it('places days between 0 and 100 % with a margin, and never outside', () => {
    const scale = scaleFor({ from: '2027-03-01', to: '2027-09-30' });
    expect(scale.pos('2027-03-01')).toBeGreaterThan(0);
    expect(scale.pos('2027-09-30')).toBeLessThan(100);
    expect(scale.pos('2027-06-15')).toBeGreaterThan(scale.pos('2027-03-01'));
    expect(scale.pos('2020-01-01')).toBe(0);
    expect(scale.pos('2030-01-01')).toBe(100);
    // One day only: widened to a month around it.
    const single = scaleFor({ from: '2027-03-09', to: '2027-03-09' });
    expect(single.pos('2027-03-09')).toBeCloseTo(50, 0);
    expect(monthTicks(scale).map((t) => t.label)).toEqual([
      'mars 2027',
      'avril 2027',
      'mai 2027',
      'juin 2027',
      'juillet 2027',
      'août 2027',
      'septembre 2027',
      'octobre 2027',
    ]);
    expect(scale.from < '2027-03-01' && scale.to > '2027-09-30').toBe(true);
  });

  it('puts labels that would overlap on different lanes', () => {
    expect(assignLanes([10, 12, 50, 51, 52, 90], 5)).toEqual([0, 1, 0, 1, 2, 0]);
    expect(assignLanes([50, 10], 5)).toEqual([0, 0]);
    expect(Math.max(...assignLanes([1, 1, 1, 1, 1, 1], 5, 3))).toBe(2);
  });

  it('lists steps (done at their act, planned at their séance, to do undated) and other acts once', () => {
    const act = (id: string, date: string, stale: boolean) => ({
      id,
      kind: 'avis' as const,
      stale,
      line: 1,
      instance: { id: 'i', kind: 'CMG' as const, name: 'Commission médicale de groupement', organisationId: 'o', organisationName: 'GHT' },
      version: { id: 'v1', number: 1, label: 'v1', hash: 'h' },
      seance: { id: `s-${id}`, date, startTime: null, place: '' },
    });
    const step = (stepId: string, status: 'done' | 'planned' | 'todo', extra: object = {}) => ({
      stepId,
      act: 'avis' as const,
      instanceKinds: ['CMG' as const],
      organisationId: null,
      required: true,
      stage: 'before' as const,
      basis: null,
      label: stepId,
      status,
      doneBy: null,
      planned: null,
      ready: true,
      ...extra,
    });
    const timeline = {
      acts: [act('a1', '2027-03-09', true), act('a0', '2027-01-10', false)],
      steps: [
        step('cmg-avis', 'done', { doneBy: { actId: 'a1', date: '2027-03-09' } }),
        step('transmission', 'todo'),
        step('cs-avis', 'planned', { planned: { seanceId: 's9', date: '2027-05-02' } }),
      ],
    } as unknown as Pick<Timeline, 'acts' | 'steps'>;
    const items = milestones(timeline);
    expect(items.map((m) => [m.key, m.date, m.status, m.stale])).toEqual([
      ['act:a0', '2027-01-10', 'done', false],
      ['step:cmg-avis:', '2027-03-09', 'done', true],
      ['step:cs-avis:', '2027-05-02', 'planned', false],
      ['step:transmission:', null, 'todo', false],
    ]);
  });
});

describe('diff and version outline', () => {
  it('keeps one line of context around changes and counts the rest', () => {
    const eq = (t: string) => ({ op: 'equal' as const, text: t });
    const lines = [eq('a'), eq('b'), eq('c'), { op: 'added' as const, text: 'X' }, eq('d'), eq('e'), eq('f'), { op: 'removed' as const, text: 'Y' }];
    expect(collapseUnchanged(lines, 1)).toEqual([
      { kind: 'gap', count: 2 },
      { kind: 'line', line: eq('c') },
      { kind: 'line', line: lines[3] },
      { kind: 'line', line: eq('d') },
      { kind: 'gap', count: 1 },
      { kind: 'line', line: eq('f') },
      { kind: 'line', line: lines[7] },
    ]);
    expect(collapseUnchanged([eq('a'), eq('b')], 1)).toEqual([{ kind: 'gap', count: 2 }]);
  });

  it('numbers a frozen version’s sections from their parents and order', () => {
    const s = (id: string, parentId: string | null, order: number) => ({ id, title: id, parentId, order, blocks: [], text: { type: 'doc' } });
    const numbered = numberSections([s('b', null, 4), s('a', null, 1), s('a2', 'a', 3), s('a1', 'a', 2)]);
    expect(numbered.map((n) => `${n.number} ${n.section.id} ${n.depth}`)).toEqual(['1 a 0', '1.1 a1 1', '1.2 a2 1', '2 b 0']);
  });
});
