/**
 * The follow-up of a project's latest adopted version (issue 24): its indicators with their
 * yearly values and status on the trajectory, its fiches-actions with their étapes. The frozen
 * version gives what was adopted (labels, baselines, targets, échéances, pilots); the follow-up
 * tables give what happened. Nothing here writes, and nothing changes the version.
 */
import { indicatorUnit, parseIndicatorValue } from '../../schemas/indicatorUnits';
import type { Deps } from '../deps';
import { DomainError } from '../errors';
import type { DocumentContent } from '../../schemas/api/versionContent';
import { latestAdoption } from '../governance/adoption';
import { parisDate } from '../governance/parisTime';
import type { DatedValue, Followup, FollowupFiche, FollowupIndicator, FollowupValue, FrozenIndicator, Piloted } from '../../schemas/api/followup';
import { expectedValue, trajectoryStatus, valueDate } from '../governance/trajectory';
import { followupRollups } from './followupRollups';
import type { VersionSummary } from '../store/versions';
import { versionContent } from './versions';

/** The newest version whose adoption path is complete (governance/adoption.ts), or null. */
export function latestAdoptedVersion(deps: Pick<Deps, 'store' | 'logger'>, projectId: string): VersionSummary | null {
  return latestAdoption(deps, projectId)?.version ?? null;
}

export const notAdopted = () =>
  new DomainError(
    'conflict',
    'not_adopted',
    'Aucune version de ce projet n’a achevé son parcours d’adoption : le suivi commence avec la première version adoptée.',
  );

export type { FrozenIndicator };

export interface FrozenEtape {
  id: string;
  label: string;
  due: string | null;
}

export interface FrozenFiche extends Piloted {
  id: string;
  title: string;
  sectionId: string;
  filiereId: string | null;
  etablissements: string[];
  etapes: FrozenEtape[];
}

export interface FrozenPlan {
  indicators: FrozenIndicator[];
  fiches: FrozenFiche[];
  filieres: { id: string; name: string }[];
  etablissements: { id: string; name: string }[];
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const isDay = (v: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(v);
const asRecord = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

function dated(value: string, date: string): DatedValue | null {
  const parsed = parseIndicatorValue(value);
  return parsed && isDay(date) ? { value: parsed.value, date } : null;
}

/** The indicators, fiches-actions, filières and établissements of a frozen content, in document order. */
export function frozenPlan(content: DocumentContent): FrozenPlan {
  const structured = content.structured;
  const order = new Map(content.sections.map((s) => [s.id, s.order]));
  const fichesJson = asRecord(structured.fichesActions);
  const fiches: (FrozenFiche & { rank: [number, number] })[] = Object.entries(fichesJson).map(([id, raw]) => {
    const f = asRecord(raw);
    const etapes = Array.isArray(f.etapes) ? f.etapes.map(asRecord) : [];
    return {
      id,
      title: str(f.title),
      sectionId: str(f.sectionId),
      filiereId: str(f.filiereId) || null,
      etablissements: Array.isArray(f.etablissements) ? f.etablissements.filter((e): e is string => typeof e === 'string') : [],
      // A member chosen is named by id (schemas/fichePeople.ts), an older fiche by free text.
      pilotIds: [str(f.piloteMedicalId), str(f.piloteSoignantId)].filter((p) => p !== ''),
      pilots: [str(f.piloteMedicalId), str(f.piloteMedical), str(f.piloteSoignantId), str(f.piloteSoignant)].filter((p) => p.trim() !== ''),
      etapes: etapes.map((e) => ({ id: str(e.id), label: str(e.label), due: isDay(str(e.echeance)) ? str(e.echeance) : null })).filter((e) => e.id !== ''),
      rank: [order.get(str(f.sectionId)) ?? 0, typeof f.position === 'number' ? f.position : 0],
    };
  });
  fiches.sort((a, b) => a.rank[0] - b.rank[0] || a.rank[1] - b.rank[1]);
  const ficheById = new Map(fiches.map((f) => [f.id, f]));
  // A chapter's table comes at its chapter; a fiche's table with its fiche, after the chapter.
  const ownerRank = (ownerId: string): [number, number] => {
    const fiche = ficheById.get(ownerId);
    return fiche ? [fiche.rank[0], 1 + fiches.indexOf(fiche)] : [order.get(ownerId) ?? 0, 0];
  };
  const tables = Object.entries(asRecord(structured.indicatorTables)).sort(([a], [b]) => {
    const [ra, rb] = [ownerRank(a), ownerRank(b)];
    return ra[0] - rb[0] || ra[1] - rb[1];
  });
  const indicators: FrozenIndicator[] = [];
  for (const [ownerId, rows] of tables) {
    if (!Array.isArray(rows)) continue;
    const fiche = ficheById.get(ownerId);
    for (const raw of rows) {
      const row = asRecord(raw);
      const id = str(row.id);
      if (!id) continue;
      const written = {
        valeurOrigine: str(row.valeurOrigine),
        dateOrigine: str(row.dateOrigine),
        valeurCible: str(row.valeurCible),
        dateCible: str(row.dateCible),
        source: str(row.source),
        methode: str(row.methode),
        periodicite: str(row.periodicite),
      };
      indicators.push({
        id,
        label: str(row.indicateur),
        ownerId,
        ficheId: fiche?.id ?? null,
        filiereId: fiche?.filiereId ?? null,
        etablissements: fiche?.etablissements ?? [],
        unit: indicatorUnit({ valeurCible: written.valeurCible, valeurOrigine: written.valeurOrigine, indicateur: str(row.indicateur) }),
        baseline: dated(written.valeurOrigine, written.dateOrigine),
        target: dated(written.valeurCible, written.dateCible),
        written,
        pilotIds: fiche?.pilotIds ?? [],
        pilots: fiche?.pilots ?? [],
      });
    }
  }
  const filieres = Object.entries(asRecord(structured.filieres))
    .map(([id, raw]) => ({ id, name: str(asRecord(raw).name), position: Number(asRecord(raw).position ?? 0) }))
    .sort((a, b) => a.position - b.position)
    .map(({ id, name }) => ({ id, name }));
  const etablissements = (Array.isArray(content.etablissements) ? content.etablissements : [])
    .map(asRecord)
    .map((e) => ({ id: str(e.id), name: str(e.name) }))
    .filter((e) => e.id !== '');
  return { indicators, fiches: fiches.map(({ rank: _rank, ...fiche }) => fiche), filieres, etablissements };
}

/** The follow-up of the latest adopted version as of `now` (409 `not_adopted` before any). */
export function projectFollowup(deps: Pick<Deps, 'store' | 'logger'>, projectId: string, now = new Date()): Followup {
  const version = latestAdoptedVersion(deps, projectId);
  if (!version) throw notAdopted();
  const plan = frozenPlan(versionContent(deps, projectId, version.id));
  const today = parisDate(now);
  const names = new Map<string, string>();
  const nameOf = (userId: string): string => {
    if (!names.has(userId)) names.set(userId, deps.store.users.get(userId)?.name ?? '');
    return names.get(userId)!;
  };
  const byIndicator = new Map<string, FollowupValue[]>();
  for (const v of deps.store.followup.values(projectId)) {
    const list = byIndicator.get(v.indicatorId) ?? [];
    list.push({
      year: v.year,
      value: v.value,
      date: v.date,
      source: v.source,
      comment: v.comment,
      by: v.enteredBy,
      byName: nameOf(v.enteredBy),
      at: v.enteredAt,
    });
    byIndicator.set(v.indicatorId, list);
  }
  const indicators = plan.indicators.map((indicator): FollowupIndicator => {
    const values = (byIndicator.get(indicator.id) ?? []).sort((a, b) => a.year - b.year);
    const last = values[values.length - 1];
    const latest = last ? { value: last.value, date: valueDate(last.year, last.date) } : null;
    const status = trajectoryStatus(indicator.baseline, indicator.target, latest);
    const expected = latest && indicator.baseline && indicator.target ? expectedValue(indicator.baseline, indicator.target, latest.date) : null;
    return { ...indicator, values, status, expected };
  });
  const done = new Map(deps.store.followup.etapes(projectId).map((e) => [`${e.ficheId}|${e.etapeId}`, e.doneOn]));
  const fiches = plan.fiches.map(
    (fiche): FollowupFiche => ({
      id: fiche.id,
      title: fiche.title,
      filiereId: fiche.filiereId,
      etablissements: fiche.etablissements,
      pilotIds: fiche.pilotIds,
      pilots: fiche.pilots,
      etapes: fiche.etapes.map((etape) => {
        const doneOn = done.get(`${fiche.id}|${etape.id}`) ?? null;
        const late = etape.due !== null && (doneOn !== null ? doneOn > etape.due : today > etape.due);
        return { id: etape.id, label: etape.label, due: etape.due, done: doneOn !== null, doneOn, late };
      }),
    }),
  );
  const project = deps.store.projects.get(projectId);
  return {
    projectId,
    versionId: version.id,
    version: { id: version.id, number: version.number, label: version.label, hash: version.hash },
    period: project?.period ?? null,
    today,
    indicators,
    fiches,
    filieres: plan.filieres,
    etablissements: plan.etablissements,
    rollups: followupRollups(indicators, fiches, plan.filieres, plan.etablissements),
  };
}
