import type { Snippet } from '../textSearch';

/** One hit of GET /api/search: where (project, section, field) and the words around it. */
export interface SearchHit {
  projectId: string;
  projectTitle: string;
  projectKind: string;
  /** null: the live document (members); else the frozen version an ARS reader received. */
  versionId: string | null;
  versionLabel: string | null;
  sectionId: string;
  sectionTitle: string;
  /** « Texte », or the structured field (« Fiche-action « X » — Objectif »). */
  label: string;
  snippet: Snippet;
}

export interface SearchResult {
  query: string;
  hits: SearchHit[];
  /** Matches found in all, even past the hits returned. */
  total: number;
  truncated: boolean;
}
