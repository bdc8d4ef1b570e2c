import type { VersionView } from '../../../schemas/api/governanceViews';
import type { VersionLinesView } from '../../../schemas/api/versions';
import type { VersionLine, VersionSummary } from '../../store/versions';

/** A frozen version as listed; `creatorName` is read by the route ('compte supprimé' when the account is gone). */
export const presentVersion = (v: VersionSummary, creatorName: string, currentHash: string): VersionView => ({
  id: v.id,
  number: v.number,
  line: v.line,
  label: v.label,
  hash: v.hash,
  createdAt: v.createdAt,
  createdBy: { id: v.createdBy, name: creatorName },
  matchesCurrentText: v.hash === currentHash,
});

/** The original text (line 1) and its avenants. */
export const presentVersionLines = (currentLine: number, lines: VersionLine[]): VersionLinesView => ({
  currentLine,
  lines: [
    { line: 1, label: 'Version initiale', basedOnVersionId: null },
    ...lines.map((l) => ({ line: l.line, label: l.label, basedOnVersionId: l.basedOnVersionId, createdAt: l.createdAt })),
  ],
});
