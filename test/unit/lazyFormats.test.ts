import { afterEach, describe, expect, it, vi } from 'vitest';

// A date format reads ICU's locale and time-zone data, pages of the Node binary: made at
// start-up, they were about 6 MiB of an idle server's RSS (bench/RESULTS.md, 03/12/2026).
const Original = Intl.DateTimeFormat;
let made = 0;
class CountedDateTimeFormat extends Original {
  constructor(...args: ConstructorParameters<typeof Intl.DateTimeFormat>) {
    super(...args);
    made++;
  }
}

afterEach(() => {
  Intl.DateTimeFormat = Original;
});

describe('the Paris date formats', () => {
  it('are made on first use, not when the server loads their modules, and once', async () => {
    vi.resetModules();
    Intl.DateTimeFormat = CountedDateTimeFormat as typeof Intl.DateTimeFormat;
    const { parisDate } = await import('../../server/governance/parisTime');
    const { frenchDate, frenchDateTime } = await import('../../server/export/model/french');
    expect(made).toBe(0);

    const instant = new Date('2027-03-28T00:30:00Z');
    expect(parisDate(instant)).toBe('2027-03-28');
    expect(frenchDate(instant)).toBe('28/03/2027');
    expect(frenchDateTime(instant)).toBe('28/03/2027 à 01:30');
    const afterFirstUse = made;
    parisDate(instant);
    frenchDateTime(instant);
    expect(made).toBe(afterFirstUse);
  });
});
