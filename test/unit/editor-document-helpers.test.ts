import { describe, expect, it, vi } from 'vitest';
import type { CompletenessItem } from '../../templates/completeness';
import type { SectionNode } from '../../schemas/project';
import type { Assignment } from '../../editor/src/api';
import { groupAssignments } from '../../editor/src/assignmentGroups';
import { shiftCaret } from '../../editor/src/blocks/caret';
import { parentPath, paths, sectionOfPath } from '../../editor/src/blocks/paths';
import { childLevel, descendantIds, objectiveTree } from '../../editor/src/blocks/records';
import { countText, groupItems } from '../../editor/src/completeness/groupItems';
import { throttle } from '../../editor/src/completeness/throttle';
import { flattenOutline } from '../../editor/src/outlineNumbering';
import { parseStartYear, periodFrom, periodText } from '../../editor/src/projectPeriod';
import { hashFor, parseHash } from '../../editor/src/router';

describe('caret after a remote edit', () => {
  it('stays before the change, shifts after it, goes to the end of a change around it', () => {
    expect(shiftCaret('Coronarographie', '» Coronarographie', 5)).toBe(7);
    expect(shiftCaret('abc def', 'abc XX def', 2)).toBe(2);
    expect(shiftCaret('abc def', 'abc XX def', 5)).toBe(8);
    expect(shiftCaret('abc def', 'abc', 6)).toBe(3);
    expect(shiftCaret('abcdef', 'abXYef', 3)).toBe(4);
    expect(shiftCaret('', 'texte', 0)).toBe(0);
  });
});

describe('completeness paths', () => {
  it('have the shapes templates/completeness.ts produces', () => {
    expect(paths.matrixColumn('filieres', 'f1', 'e1')).toBe('sections/filieres/filieres/f1/e1');
    expect(paths.ficheField('filieres', 'x', 'pilotes')).toBe('sections/filieres/fichesActions/x/pilotes');
    expect(paths.indicatorRow(paths.ficheIndicators('filieres', 'x'), 'r')).toBe('sections/filieres/fichesActions/x/indicators/r');
    expect(paths.indicatorRow(paths.sectionIndicators('suivi'), 'r')).toBe('sections/suivi/indicators/r');
    expect(paths.objectif('o', 'n')).toBe('sections/o/objectifs/n');
  });
  it('fall back to their parent, down to the section', () => {
    expect(parentPath('sections/a/filieres/f/e')).toBe('sections/a/filieres/f');
    expect(parentPath('sections/a')).toBeNull();
    expect(sectionOfPath('sections/a/filieres/f/e')).toBe('a');
    expect(sectionOfPath('autre/a')).toBeNull();
  });
});

describe('objectives tree', () => {
  const records = [
    { id: 'a1', level: 'axe' as const, parentId: null },
    { id: 's1', level: 'strategique' as const, parentId: 'a1' },
    { id: 'o1', level: 'operationnel' as const, parentId: 's1' },
    { id: 'o2', level: 'operationnel' as const, parentId: 's1' },
    { id: 'lost', level: 'strategique' as const, parentId: 'removed' },
  ];
  it('nests axes, strategic and operational objectives; orphans stay visible at the top', () => {
    const tree = objectiveTree(records);
    expect(tree.map((n) => n.id)).toEqual(['a1', 'lost']);
    expect(tree[0]!.children[0]!.children.map((n) => n.id)).toEqual(['o1', 'o2']);
  });
  it('lists a branch deepest first', () => {
    expect(descendantIds(records, 'a1')).toEqual(['o1', 'o2', 's1']);
    expect(descendantIds(records, 'o1')).toEqual([]);
  });
  it('knows which level comes under which', () => {
    expect([childLevel('axe'), childLevel('strategique'), childLevel('operationnel')]).toEqual(['strategique', 'operationnel', null]);
  });
});

const section = (id: string, title: string, children: SectionNode[] = []): SectionNode => ({
  id,
  title,
  fragment: `section:${id}`,
  mandatory: true,
  status: 'a_rediger',
  blocks: [],
  locked: false,
  assignees: [],
  dueDate: null,
  children,
});

describe('completeness panel grouping', () => {
  const item = (sectionId: string, path = `sections/${sectionId}`): CompletenessItem => ({ sectionId, path, problem: 'missing', message: sectionId });
  it('groups by chapter in document order, absent parts last', () => {
    const outline = flattenOutline([section('a', 'Objectifs'), section('b', 'Filières', [section('c', 'Cardiologie')])]);
    const groups = groupItems([item('c'), item('absent'), item('a'), item('c', 'sections/c/filieres')], outline);
    expect(groups.map((g) => [g.label, g.items.length])).toEqual([
      ['1 Objectifs', 1],
      ['2.1 Cardiologie', 2],
      [null, 1],
    ]);
  });
  it('counts in French', () => {
    expect(countText(1)).toBe('1 élément à compléter');
    expect(countText(12)).toBe('12 éléments à compléter');
  });
  it('re-checks at most once per delay, after the last change', () => {
    vi.useFakeTimers();
    const task = vi.fn();
    const t = throttle(task, 300);
    t.schedule();
    t.schedule();
    vi.advanceTimersByTime(299);
    expect(task).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(task).toHaveBeenCalledTimes(1);
    t.schedule();
    t.cancel();
    vi.advanceTimersByTime(1000);
    expect(task).toHaveBeenCalledTimes(1);
    vi.useRealTimers();
  });
});

describe('who owes what, by when', () => {
  const row = (sectionId: string, number: string, dueDate: string | null, assignees: { id: string; name: string }[], overdue = false): Assignment => ({
    sectionId,
    number,
    title: sectionId,
    status: 'en_cours',
    mandatory: true,
    dueDate,
    overdue,
    locked: false,
    assignees,
  });
  const claire = { id: 'u1', name: 'Dr Claire Martin' };
  const marc = { id: 'u2', name: 'Marc Leroy' };
  it('groups by person (by name), sections by due date, unassigned last', () => {
    const groups = groupAssignments([
      row('s3', '3', null, [marc]),
      row('s1', '1', '2026-05-01', [marc, claire], true),
      row('s2', '2', null, []),
      row('s4', '10', '2026-04-01', [marc]),
    ]);
    expect(groups.map((g) => [g.person?.name ?? null, g.rows.map((r) => r.sectionId)])).toEqual([
      ['Dr Claire Martin', ['s1']],
      ['Marc Leroy', ['s4', 's1', 's3']],
      [null, ['s2']],
    ]);
  });
});

describe('periods', () => {
  it('makes five-year periods from the first year', () => {
    expect(periodFrom(2026)).toEqual({ startYear: 2026, endYear: 2030 });
    expect(periodText(periodFrom(2026))).toBe('2026–2030');
    expect(parseStartYear(' 2026 ')).toBe(2026);
    expect(parseStartYear('26')).toBeNull();
    expect(parseStartYear('2101')).toBeNull();
    expect(parseStartYear('20a6')).toBeNull();
  });
});

describe('assignments route', () => {
  it('is #/projets/:id/suivi', () => {
    expect(parseHash('#/projets/p1/suivi')).toEqual({ name: 'assignments', projectId: 'p1' });
    expect(hashFor({ name: 'assignments', projectId: 'p 1' })).toBe('#/projets/p%201/suivi');
    expect(parseHash('#/projets/p1/autre').name).toBe('notFound');
  });
});
