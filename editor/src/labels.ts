import type { DocumentKind, ProjectRole, SectionStatus } from '../../schemas/project';

/** French words of the UI for the domain's codes. */
export const roleLabel: Record<ProjectRole, string> = {
  coordinator: 'coordonnateur',
  editor: 'rédacteur',
  reviewer: 'relecteur',
  reader: 'lecteur',
};

export const statusLabel: Record<SectionStatus, string> = {
  a_rediger: 'à rédiger',
  en_cours: 'en cours',
  // The rédacteur's request for validation; only a coordinator then sets "validé".
  a_relire: 'à valider',
  valide: 'validé',
};

export const kindLabel: Record<DocumentKind, string> = {
  PM: 'Projet médical d’établissement',
  PMP: 'Projet médical partagé',
  PSP: 'Projet de soins partagé',
  PSIRMT: 'Projet de soins infirmiers, de rééducation et médico-techniques',
  PMSP: 'Projet médico-soignant partagé',
  BILAN: 'Bilan annuel du projet médical',
};

export function roleText(role: ProjectRole | null | undefined): string {
  return role ? roleLabel[role] : 'sans rôle';
}

export function kindText(kind: string): string {
  return kind in kindLabel ? kindLabel[kind as DocumentKind] : kind;
}

/** jj/mm/aaaa, Europe/Paris; the raw text when it is not a date. */
export function formatDate(value: string): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', day: '2-digit', month: '2-digit', year: 'numeric' }).format(date);
}

export const appName = 'Atelier du projet médical';

/** "2026-03-31" → "31/03/2026" without going through Date (a day has no time zone); else as is. */
export function formatDay(isoDay: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDay);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : isoDay;
}

/** Today in Paris as aaaa-mm-jj: due dates are Paris days. */
export function parisToday(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
