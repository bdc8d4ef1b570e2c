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

export const appName = 'Atelier du projet médical';
