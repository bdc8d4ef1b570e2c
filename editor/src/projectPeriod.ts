/** A project covers five years (PM: D6143-37-1; PMP: R6132-3): 2026 → 2026–2030. */
export function periodFrom(startYear: number): { startYear: number; endYear: number } {
  return { startYear, endYear: startYear + 4 };
}

/** The first year typed by the user, or null when it is not a year the server accepts (2000–2100). */
export function parseStartYear(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d{4}$/.test(trimmed)) return null;
  const year = Number(trimmed);
  return year >= 2000 && year <= 2100 ? year : null;
}

/** "2026–2030". */
export function periodText(period: { startYear: number; endYear: number }): string {
  return `${period.startYear}–${period.endYear}`;
}
