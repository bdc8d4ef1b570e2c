import type { DocumentKind, ProjectRole, SectionStatus } from '../../schemas/project';

/** French words of the UI for the domain's codes. */
export const roleLabel: Record<ProjectRole, string> = {
  coordinator: 'coordinateur',
  editor: 'rédacteur',
  reader: 'lecteur',
};

export const statusLabel: Record<SectionStatus, string> = {
  a_rediger: 'à rédiger',
  en_cours: 'en cours',
  a_relire: 'à relire',
  valide: 'validé',
};

export const kindLabel: Record<DocumentKind, string> = {
  PM: 'Projet médical d’établissement',
  PMP: 'Projet médical partagé',
  PSP: 'Projet de soins partagé',
  PSIRMT: 'Projet de soins infirmiers, de rééducation et médico-techniques',
  PMSP: 'Projet médico-soignant partagé',
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
