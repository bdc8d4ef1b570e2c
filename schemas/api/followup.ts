import type { IndicatorUnit } from '../indicatorUnits';

/** The follow-up of an adopted version (GET /api/projects/:id/followup, docs/API.md « Follow-up after adoption »). */

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
