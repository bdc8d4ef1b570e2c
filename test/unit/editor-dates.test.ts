import { describe, expect, it } from 'vitest';
import { formatDay, formatInstant, formatInstantCompact, formatInstantDay, parisDay, parisYear } from '../../editor/src/ui/dates';

// The machine's own zone must not matter: Paris is UTC+1 in winter, UTC+2 in summer.
describe('ui/dates: jj/mm/aaaa and today in Europe/Paris', () => {
  it('turns a day round without a time zone', () => {
    expect(formatDay('2027-03-09')).toBe('09/03/2027');
    expect(formatDay('pas une date')).toBe('pas une date');
  });

  it('turns the Paris day and year at 23:00 UTC in winter, 22:00 UTC in summer', () => {
    expect([parisYear(new Date('2026-12-31T22:59:00Z')), parisYear(new Date('2026-12-31T23:00:00Z'))]).toEqual([2026, 2027]);
    expect([parisDay(new Date('2026-06-30T21:59:00Z')), parisDay(new Date('2026-06-30T22:00:00Z'))]).toEqual(['2026-06-30', '2026-07-01']);
    expect(formatInstantDay('2026-06-30T22:00:00Z')).toBe('01/07/2026');
  });

  it('follows the change to summer time (29 March 2026, 02:00 → 03:00 in Paris)', () => {
    expect(formatInstant('2026-03-29T00:59:00Z')).toBe('29/03/2026 à 01:59');
    expect(formatInstant('2026-03-29T01:00:00Z')).toBe('29/03/2026 à 03:00');
    // And back to winter time (25 October 2026, 03:00 → 02:00): 22:30 UTC is 23:30 in Paris.
    expect(formatInstantCompact('2026-10-25T22:30:00Z')).toBe('25/10/2026 23:30');
    expect(parisDay(new Date('2026-10-25T22:30:00Z'))).toBe('2026-10-25');
    expect(parisDay(new Date('2026-10-25T23:00:00Z'))).toBe('2026-10-26');
  });

  it('shows unreadable instants as they are', () => {
    expect(formatInstant('hier')).toBe('hier');
    expect(formatInstantCompact('hier')).toBe('hier');
    expect(formatInstantDay('hier')).toBe('hier');
  });
});
