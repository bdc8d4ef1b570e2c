import type { AcceptedSuggestion } from './acceptedSuggestions';
import type { Change } from './governanceViews';

/**
 * What changed between two versions (GET /api/projects/:id/versions/:a/diff/:b, the ARS package's
 * summary, the stale-act warnings): built by server/governance/diff.ts, shown by the diff page.
 */

/** One line of a section's text diff. */
export interface LineOp {
  op: 'equal' | 'added' | 'removed';
  text: string;
  /** The accepted suggestions this line's change came from (ids in its section's `accepted`). */
  acceptedSuggestionIds?: string[];
}

export interface StructuredChange {
  part: 'filiere' | 'ficheAction' | 'indicator' | 'objectif';
  id: string;
  label: string;
  change: Change;
  /** French, with agreement: "objectif « Réduire les délais » ajouté", "filière « Gériatrie » supprimée". */
  text: string;
}

export interface SectionDiff {
  sectionId: string;
  /** The title after the change (before, for a removed section). */
  title: string;
  change: Change;
  /** Set when the section was renamed. */
  titleBefore?: string;
  /** True when the section changed place in the outline. */
  moved: boolean;
  /** Line diff of the text; null when the text did not change. */
  text: { added: number; removed: number; lines: LineOp[] } | null;
  structured: StructuredChange[];
}

export interface ContentDiff {
  title: { before: string; after: string } | null;
  sections: SectionDiff[];
  /** One French sentence for the timeline and the ARS package. */
  summary: string;
}

/** The version diff route's answer: the two ends, and in each section the suggestions accepted between them. */
export interface VersionDiffView extends Omit<ContentDiff, 'sections'> {
  from: { id: string; number: number; label: string; hash: string };
  to: { id: string; number?: number; label?: string; hash: string };
  sections: VersionSectionDiff[];
}

/** A section of the version diff, with the suggestions accepted in it (whose, and who accepted them). */
export type VersionSectionDiff = SectionDiff & { accepted: AcceptedSuggestion[] };
