import type { OverrideView, SeanceDocumentView, SeanceView, SeanceWithRights } from '../../../schemas/api/governanceViews';
import type { OverrideRecord } from '../../store/acts';
import type { SeanceDocumentRecord } from '../../store/seances';

/** A séance as the calendar and its page send it: its read model, and whether the reader manages it. */
export const presentSeance = (view: SeanceView, canManage: boolean): SeanceWithRights => ({ ...view, canManage });

/** A document just attached to a séance (its bytes are downloaded separately). */
export const presentSeanceDocument = (d: SeanceDocumentRecord): SeanceDocumentView => ({
  id: d.id,
  name: d.name,
  mediaType: d.mediaType,
  size: d.size,
  sha256: d.sha256,
});

/** A dérogation granted by a coordinator: the rules the next act of a kind on a version may pass. */
export const presentOverride = (o: OverrideRecord): OverrideView => ({
  id: o.id,
  versionId: o.versionId,
  seanceId: o.seanceId,
  actKind: o.actKind,
  rules: o.rules,
  justification: o.justification,
  createdAt: o.createdAt,
});
