import { describe, expect, it } from 'vitest';
import {
  addDays,
  daysBetween,
  formatDay,
  formatInstant,
  formatInstantDay,
  gridBounds,
  isIsoDay,
  longDay,
  monthBounds,
  monthGrid,
  monthTitle,
  parisDay,
  parseFrenchDay,
  parseMonthKey,
  shiftMonth,
  timeRange,
  weekdayOf,
} from '../../editor/src/views/governance/dates';

describe('dates jj/mm/aaaa in Europe/Paris', () => {
  it('shows an API day as jj/mm/aaaa without going through a local Date', () => {
    expect(formatDay('2027-03-09')).toBe('09/03/2027');
    expect(formatDay('2027-12-31')).toBe('31/12/2027');
    expect(formatDay('n’importe quoi')).toBe('n’importe quoi');
  });

  it('reads jj/mm/aaaa back, refusing impossible dates', () => {
    expect(parseFrenchDay('9/3/2027')).toBe('2027-03-09');
    expect(parseFrenchDay('29/02/2028')).toBe('2028-02-29');
    expect(parseFrenchDay('29/02/2027')).toBeNull();
    expect(parseFrenchDay('2027-03-09')).toBeNull();
    expect(isIsoDay('2027-02-30')).toBe(false);
  });

  it('gives the Paris day of an instant, across midnight and daylight saving time', () => {
    // 23:30 UTC in winter is 00:30 the next day in Paris (UTC+1).
    expect(parisDay(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
    // 22:30 UTC in summer is 00:30 the next day in Paris (UTC+2).
    expect(parisDay(new Date('2027-06-30T22:30:00Z'))).toBe('2027-07-01');
    expect(parisDay(new Date('2027-06-30T21:30:00Z'))).toBe('2027-06-30');
    expect(formatInstantDay('2026-12-31T23:30:00Z')).toBe('01/01/2027');
  });

  it('shows an instant as jj/mm/aaaa à HH:MM in Paris time', () => {
    expect(formatInstant('2027-03-09T13:05:00Z')).toBe('09/03/2027 à 14:05');
    expect(formatInstant('2027-07-14T08:00:00Z')).toBe('14/07/2027 à 10:00');
    // The last Sunday of March at 01:00 UTC: Paris switches to summer time (03:00).
    expect(formatInstant('2027-03-28T01:00:00Z')).toBe('28/03/2027 à 03:00');
    expect(formatInstant('pas une date')).toBe('pas une date');
  });

  it('counts calendar days, whatever the daylight saving change in between', () => {
    expect(addDays('2027-03-27', 2)).toBe('2027-03-29');
    expect(addDays('2027-03-01', -1)).toBe('2027-02-28');
    expect(daysBetween('2027-03-27', '2027-03-29')).toBe(2);
    expect(daysBetween('2027-10-30', '2027-11-01')).toBe(2);
    expect(daysBetween('2027-04-06', '2027-03-30')).toBe(-7);
  });

  it('names days and times in French', () => {
    expect(longDay('2027-03-09')).toBe('mardi 9 mars 2027');
    expect(longDay('2027-04-01')).toBe('jeudi 1er avril 2027');
    expect(timeRange('14:00', '17:00')).toBe('14:00 – 17:00');
    expect(timeRange('14:00', null)).toBe('à partir de 14:00');
    expect(timeRange(null, null)).toBe('horaire non précisé');
  });
});

describe('month grid', () => {
  it('starts on the Monday on or before the 1st and ends on the Sunday on or after the last day', () => {
    // March 2027: Monday 1st to Wednesday 31st → 5 weeks, 1 March → 4 April.
    const march = monthGrid({ year: 2027, month: 3 });
    expect(march).toHaveLength(5);
    expect(march[0]![0]).toMatchObject({ iso: '2027-03-01', day: 1, inMonth: true, weekday: 0 });
    expect(march[4]![6]).toMatchObject({ iso: '2027-04-04', inMonth: false, weekday: 6 });
    expect(gridBounds({ year: 2027, month: 3 })).toEqual({ from: '2027-03-01', to: '2027-04-04' });
  });

  it('has whole weeks of 7 days, every day once, in order', () => {
    for (let month = 1; month <= 12; month++) {
      const weeks = monthGrid({ year: 2027, month });
      expect(weeks.length).toBeGreaterThanOrEqual(4);
      expect(weeks.length).toBeLessThanOrEqual(6);
      const days = weeks.flat();
      expect(weeks.every((w) => w.length === 7)).toBe(true);
      days.forEach((d, i) => {
        expect(d.weekday).toBe(i % 7);
        expect(weekdayOf(d.iso)).toBe(d.weekday);
        if (i > 0) expect(daysBetween(days[i - 1]!.iso, d.iso)).toBe(1);
      });
      const { from, to } = monthBounds({ year: 2027, month });
      expect(days.filter((d) => d.inMonth).map((d) => d.iso)[0]).toBe(from);
      expect(days.filter((d) => d.inMonth).at(-1)!.iso).toBe(to);
    }
  });

  it('handles February of a leap year and a month starting on Sunday', () => {
    // February 2027 starts on a Monday and has 28 days: exactly 4 weeks.
    expect(monthGrid({ year: 2027, month: 2 })).toHaveLength(4);
    expect(monthBounds({ year: 2028, month: 2 }).to).toBe('2028-02-29');
    // August 2027 starts on a Sunday: the first row is 26 July – 1 August, 6 rows.
    const august = monthGrid({ year: 2027, month: 8 });
    expect(august[0]![0]!.iso).toBe('2027-07-26');
    expect(august[0]![6]).toMatchObject({ iso: '2027-08-01', inMonth: true });
    expect(august).toHaveLength(6);
  });

  it('moves between months across years and names them', () => {
    expect(shiftMonth({ year: 2027, month: 12 }, 1)).toEqual({ year: 2028, month: 1 });
    expect(shiftMonth({ year: 2027, month: 1 }, -1)).toEqual({ year: 2026, month: 12 });
    expect(shiftMonth({ year: 2027, month: 3 }, 11)).toEqual({ year: 2028, month: 2 });
    expect(monthTitle({ year: 2027, month: 8 })).toBe('août 2027');
    expect(parseMonthKey('2027-03')).toEqual({ year: 2027, month: 3 });
    expect(parseMonthKey('2027-13')).toBeNull();
  });
});
