/**
 * A suggestion accepted between two versions, as the version diff reports it (issue 21: "version
 * diffs say who accepted what"): whose suggestion it was, who accepted it and when.
 */
export interface AcceptedSuggestion {
  id: string;
  kind: 'insert' | 'delete';
  sectionId: string;
  /** The text inserted, or the text deleted. */
  text: string;
  author: { id: string; name: string };
  suggestedAt: string;
  acceptedBy: { id: string | null; name: string };
  acceptedAt: string;
}
