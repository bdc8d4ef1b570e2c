import { z } from 'zod';
import { limits } from '../limits';
import type { PendingSuggestionWarning } from '../suggestions';
import type { StepState, VersionView } from './governanceViews';
import { Id } from './ids';
import type { DocumentContent } from './versionContent';

/**
 * Frozen versions and avenants (docs/API.md, "Versions"): the bodies
 * server/http/routes/governance/versions.ts parses, and what it answers.
 */

const Label = z.string().trim().min(1).max(limits.titleLength);
export const FreezeBody = z.object({ label: Label });
export const AvenantBody = z.object({ fromVersionId: Id, label: Label.optional() });

/** GET /api/projects/:id/versions/:versionId: the version and its content, read-only. */
export interface VersionDetailView extends VersionView {
  content: DocumentContent;
}

/** 201 (200 when the text was already frozen as it stands) of POST /api/projects/:id/versions. */
export interface FrozenVersionAnswer {
  id: string;
  hash: string;
  number: number;
  /** The text had not changed since the latest version: that one is named, nothing stored. */
  existing: boolean;
  /** Pending suggestions left out of the version. */
  warnings: PendingSuggestionWarning[];
}

/** 201 of POST /api/projects/:id/avenants: the new line. */
export interface AvenantStarted {
  line: number;
  label: string;
}

/** GET /api/projects/:id/version-lines: the original text (line 1) and its avenants. */
export interface VersionLinesView {
  currentLine: number;
  lines: { line: number; label: string; basedOnVersionId: string | null; createdAt?: string }[];
}

/** GET /api/projects/:id/versions/:versionId/progress: every step, and the required ones still missing. */
export interface VersionProgressView {
  steps: StepState[];
  missing: string[];
}
