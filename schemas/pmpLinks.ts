import { z } from 'zod';
import type { ModalityId } from './modalities';

/**
 * Explicit links from a PM to the PMP of its GHT (L6132-2-2: the PCMG keeps each member's PM
 * consistent with the PMP). A PM's fiche-action or objectif cites, in `pmpItemId`, the stable id
 * of the PMP filière or PMP fiche-action it implements ('' when it cites none). The value is
 * the record id of the PMP's Y.Doc, so it survives renames and new versions of the PMP.
 */
export const pmpItemField = 'pmpItemId';

/** '' (no link) or a record id of the PMP. Whether that id exists is the reader's to check (docs/YJS.md). */
export const PmpItemRef = z.union([z.literal(''), z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'identifiant d’élément du PMP invalide')]);

/** One citable item of a PMP (GET /api/projects/:id/pmp-items). */
export interface PmpItem {
  id: string;
  kind: 'filiere' | 'fiche';
  /** The filière's name, or the fiche-action's title. */
  label: string;
  /** The filière the item belongs to: itself for a filière, its filière for a fiche-action ('' if none). */
  filiereId: string;
  filiereName: string;
  /** A fiche-action's modality, when it has one. */
  modality: ModalityId | null;
}

export interface PmpItems {
  /** The GHT's PMP, or null when the project is not in a GHT that has one. */
  pmpProjectId: string | null;
  pmpTitle: string | null;
  /** `adopted`: read from the PMP's latest adopted version; `draft`: its live text (none adopted yet). */
  source: 'adopted' | 'draft' | null;
  versionId: string | null;
  items: PmpItem[];
}

/** A title as compared: accents, case, punctuation and numbering ignored. */
export function normaliseTitle(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .replace(/\b\d+\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function trigrams(text: string): Set<string> {
  const out = new Set<string>();
  const padded = `  ${normaliseTitle(text)} `;
  for (let i = 0; i + 3 <= padded.length; i++) out.add(padded.slice(i, i + 3));
  return out;
}

/**
 * How much of a PMP item's title a PM text contains: the share of the title's character
 * trigrams found in the text (normalised). « Filière cardiologique de territoire » contains most
 * of « Cardiologie »; 1 when the whole title is there, 0 when nothing is.
 */
export function titleCoverage(text: string, title: string): number {
  if (normaliseTitle(text) === '' || normaliseTitle(title) === '') return 0;
  const inText = trigrams(text);
  const ofTitle = trigrams(title);
  let shared = 0;
  for (const gram of ofTitle) if (inText.has(gram)) shared++;
  return shared / ofTitle.size;
}

/** Below this score a PMP item is not suggested. */
export const suggestionThreshold = 0.6;

/**
 * The PMP items whose title looks like `label`, best first (at most `limit`). A suggestion only:
 * nothing is linked until someone picks it (issue 24: similarity never links on its own).
 */
export function suggestPmpItems(label: string, items: readonly PmpItem[], limit = 1): { item: PmpItem; score: number }[] {
  return items
    .map((item) => ({ item, score: titleCoverage(label, item.label) }))
    .filter((s) => s.score >= suggestionThreshold)
    .sort((x, y) => y.score - x.score || x.item.label.localeCompare(y.item.label, 'fr'))
    .slice(0, limit);
}
