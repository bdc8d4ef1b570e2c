import { z } from 'zod';
import type { IndicatorUnit } from '../indicatorUnits';
import { IsoDay } from '../records';

/** The follow-up of an adopted version (GET /api/projects/:id/followup, docs/API.md « Follow-up after adoption »). */

const Year = z.number().int().min(2000).max(2100);
const OptionalText = (max: number) => z.string().max(max).nullable().optional();
export const FollowupQuery = z.object({ charts: z.enum(['0', '1']).optional() });
/** The value is checked against the indicator's unit by the command (schemas/indicatorUnits.ts). */
export const IndicatorValueBody = z
  .object({ value: z.union([z.number(), z.string().max(50)]), date: IsoDay.nullable().optional(), source: OptionalText(200), comment: OptionalText(2000) })
  .strict();
export const EtapeDoneBody = z.object({ doneOn: IsoDay.nullable() }).strict();
export const BilanBody = z.object({ year: Year }).strict();
export const ValueImportBody = z.object({ year: Year, csv: z.string().min(1).max(200_000), apply: z.boolean().default(false) }).strict();
/** The year of a value, in its path (`…/values/:year`). */
export const PathYear = z.coerce.number().int().min(2000).max(2100);

/** One line of a values import (POST /api/projects/:id/followup/import). */
export interface ValueImportLine {
  line: number;
  indicator: string;
  indicatorId: string | null;
  value: string;
  /** `ok`: will be (preview) or was (apply) recorded; `refused`: see `reasons`. */
  status: 'ok' | 'refused';
  reasons: string[];
}

export interface ValueImportReport {
  year: number;
  lines: ValueImportLine[];
}

/** A bilan annuel of a project (GET /api/projects/:id/bilans), by year. */
export interface BilanSummary {
  id: string;
  year: number;
  versionId: string;
  title: string;
  createdAt: string;
}

export type TrajectoryStatus = 'on_track' | 'at_risk' | 'off_track' | 'no_data';
export const trajectoryStatuses: readonly TrajectoryStatus[] = ['on_track', 'at_risk', 'off_track', 'no_data'];
export const trajectoryStatusLabels: Record<TrajectoryStatus, string> = {
  on_track: 'En bonne voie',
  at_risk: 'À surveiller',
  off_track: 'En retard',
  no_data: 'Sans donnée',
};

export interface DatedValue {
  value: number;
  /** yyyy-mm-dd */
  date: string;
}

/**
 * Who pilots a fiche-action, as frozen: `pilotIds` the members chosen by id (`piloteMedicalId`,
 * `piloteSoignantId`), `pilots` everything written (those ids, then the free text of older
 * documents). Only an id, or a free text that is exactly a member's e-mail, gives the right to
 * enter the follow-up (policies/can.ts, `followup.write`): never a name, which its owner changes.
 */
export interface Piloted {
  pilotIds: string[];
  pilots: string[];
}

/** An indicator row of the adopted version, as frozen. */
export interface FrozenIndicator extends Piloted {
  id: string;
  label: string;
  /** The section or fiche-action whose table holds the row. */
  ownerId: string;
  ficheId: string | null;
  filiereId: string | null;
  etablissements: string[];
  unit: IndicatorUnit;
  baseline: DatedValue | null;
  target: DatedValue | null;
  /** The columns as written, for the tables of the bilan (« à établir », « ≥ 85 % »). */
  written: { valeurOrigine: string; dateOrigine: string; valeurCible: string; dateCible: string; source: string; methode: string; periodicite: string };
  /** The pilots the fiche-action names (as written: ids, then free text), empty for a chapter's table. */
  pilots: string[];
}

export interface FollowupValue {
  year: number;
  value: number;
  date: string | null;
  source: string | null;
  comment: string | null;
  /** Who entered it (user id), and their name. */
  by: string;
  byName: string;
  at: string;
}

export interface FollowupIndicator extends FrozenIndicator {
  values: FollowupValue[];
  status: TrajectoryStatus;
  /** The value the trajectory expected at the latest value's date (null without one). */
  expected: number | null;
}

export interface FollowupEtape {
  id: string;
  label: string;
  due: string | null;
  done: boolean;
  doneOn: string | null;
  /** Done after its échéance, or not done and the échéance passed. */
  late: boolean;
}

export interface FollowupFiche extends Piloted {
  id: string;
  title: string;
  filiereId: string | null;
  etablissements: string[];
  etapes: FollowupEtape[];
}

/** Indicators by status and étapes done and late, for a filière, an établissement or the project. */
export interface Rollup {
  indicators: Record<TrajectoryStatus, number>;
  etapes: { total: number; done: number; late: number };
}

export interface Followup {
  projectId: string;
  versionId: string;
  version: { id: string; number: number; label: string; hash: string };
  period: { startYear: number; endYear: number } | null;
  today: string;
  indicators: FollowupIndicator[];
  fiches: FollowupFiche[];
  filieres: { id: string; name: string }[];
  etablissements: { id: string; name: string }[];
  rollups: {
    project: Rollup;
    filieres: ({ id: string; name: string } & Rollup)[];
    etablissements: ({ id: string; name: string } & Rollup)[];
  };
}

/** GET /api/projects/:id/followup as a user sees it: what they may enter, and the status rule. */
export interface FollowupView extends Followup {
  rule: string;
  /** The bilans annuels made from this project, and whether this user may make one (a coordinator of a PM or PMP). */
  bilans: { id: string; year: number; title: string }[];
  canMakeBilan: boolean;
  /** `chartSvg` with `?charts=1`: the chart the exports print, as SVG. */
  indicators: (FollowupIndicator & { editable: boolean; chartSvg?: string })[];
  fiches: (FollowupFiche & { editable: boolean })[];
}
