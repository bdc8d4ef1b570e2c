/**
 * The addresses of the governance pages (calendar, séances, secretariat, timeline, versions,
 * ARS portal). The app's router delegates them here so they live next to their views.
 */
export type GovPage =
  /** Calendar of séances; `month` = "aaaa-mm", `mode` = grid or list. */
  | { page: 'calendar'; month: string | null; mode: 'mois' | 'liste' }
  | { page: 'newSeance' }
  /** `derogations`: opened from a refusal, at the séance's dérogation forms (for a coordinator). */
  | { page: 'seance'; seanceId: string; focus?: 'derogations' }
  /** Every séance of a day the user keeps, its agenda's acts recorded in one form. */
  | { page: 'seanceDay'; date: string }
  | { page: 'secretariat' }
  | { page: 'notifications' }
  | { page: 'timeline'; projectId: string }
  | { page: 'version'; projectId: string; versionId: string }
  | { page: 'diff'; projectId: string; from: string; to: string }
  | { page: 'ars' };

function decode(part: string | undefined): string | null {
  if (part === undefined) return null;
  try {
    const value = decodeURIComponent(part);
    return value.length > 0 ? value : null;
  } catch {
    return null;
  }
}

/** The page for the path parts of a hash ("gouvernance", "2027-03"), or null when it is not ours. */
export function parseGovPath(parts: string[]): GovPage | null {
  const [first, second, third, fourth, fifth] = parts;
  if (first === 'gouvernance') {
    if (parts.length === 1) return { page: 'calendar', month: null, mode: 'mois' };
    if (parts.length === 2 && (second === 'liste' || second === 'mois')) return { page: 'calendar', month: null, mode: second };
    if (parts.length === 2 && /^\d{4}-\d{2}$/.test(second!)) return { page: 'calendar', month: second!, mode: 'mois' };
    if (parts.length === 3 && /^\d{4}-\d{2}$/.test(second!) && (third === 'liste' || third === 'mois'))
      return { page: 'calendar', month: second!, mode: third };
    return null;
  }
  if (first === 'seances') {
    if (parts.length === 2 && second === 'nouvelle') return { page: 'newSeance' };
    if (parts.length === 3 && second === 'jour' && /^\d{4}-\d{2}-\d{2}$/.test(third!)) return { page: 'seanceDay', date: third! };
    const seanceId = decode(second);
    if (parts.length === 3 && seanceId && third === 'derogations') return { page: 'seance', seanceId, focus: 'derogations' };
    return parts.length === 2 && seanceId ? { page: 'seance', seanceId } : null;
  }
  if (first === 'secretariat' && parts.length === 1) return { page: 'secretariat' };
  if (first === 'notifications' && parts.length === 1) return { page: 'notifications' };
  if (first === 'ars' && parts.length === 1) return { page: 'ars' };
  if (first === 'projets') {
    const projectId = decode(second);
    if (!projectId) return null;
    if (parts.length === 3 && third === 'calendrier') return { page: 'timeline', projectId };
    const versionId = decode(fourth);
    if (parts.length === 4 && third === 'versions' && versionId) return { page: 'version', projectId, versionId };
    const to = decode(parts[5]);
    if (parts.length === 6 && third === 'versions' && versionId && fifth === 'comparer' && to) return { page: 'diff', projectId, from: versionId, to };
  }
  return null;
}

/** The hash of a governance page (the inverse of parseGovPath). */
export function govHash(page: GovPage): string {
  const e = encodeURIComponent;
  switch (page.page) {
    case 'calendar': {
      const parts = ['#/gouvernance'];
      if (page.month) parts.push(page.month);
      if (page.mode === 'liste') parts.push('liste');
      return parts.join('/');
    }
    case 'newSeance':
      return '#/seances/nouvelle';
    case 'seance':
      return `#/seances/${e(page.seanceId)}${page.focus ? `/${page.focus}` : ''}`;
    case 'seanceDay':
      return `#/seances/jour/${page.date}`;
    case 'secretariat':
      return '#/secretariat';
    case 'notifications':
      return '#/notifications';
    case 'ars':
      return '#/ars';
    case 'timeline':
      return `#/projets/${e(page.projectId)}/calendrier`;
    case 'version':
      return `#/projets/${e(page.projectId)}/versions/${e(page.versionId)}`;
    case 'diff':
      return `#/projets/${e(page.projectId)}/versions/${e(page.from)}/comparer/${e(page.to)}`;
  }
}
