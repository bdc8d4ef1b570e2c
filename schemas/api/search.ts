import { z } from 'zod';
import { limits } from '../limits';
import type { Snippet } from '../textSearch';

/** GET /api/search?q= (only `q` is read). */
export const SearchQuery = z.object({
  q: z
    .string({ error: 'texte à rechercher attendu' })
    .trim()
    .min(2, 'au moins 2 caractères')
    .max(limits.searchQueryLength, `au plus ${limits.searchQueryLength} caractères`),
});

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
