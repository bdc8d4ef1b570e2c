import type { ActKind, ActOutcome, InstanceKind, SeanceStatus, Votes } from '../governance';
import type { ReserveItem } from '../actReserves';

/**
 * The governance read models as the API sends them (docs/API.md, "Governance"): the server builds
 * them (server/governance/), the editor reads them; both import these shapes from here so neither
 * can drift from the other.
 */

/** Where a step sits on the path: the instances' acts, the transmission to the ARS, after it. */
export type PathStage = 'before' | 'transmission' | 'after';

/** A rule an act would break, with the sentence shown to the secretary. */
export interface Violation {
  /** Stable code, named by overrides: `prerequisite:<stepId>`, `convocation`, `seance_not_held`, `seance_cancelled`. */
  rule: string;
  message: string;
  /** False for facts no justification can change (a séance that has not taken place). */
  overridable: boolean;
}

/**
 * What recording an agenda item's act would meet today: the rules it would break and the
 * dérogation a coordinator already granted for them. Read-only; the séance page shows it so
 * the secretary knows before submitting and a coordinator can grant the dérogation from there.
 */
export interface AgendaItemCheck {
  rules: Violation[];
  /** An unused dérogation covering every overridable rule broken (the act will pass them). */
  override: { id: string; justification: string; by: string; rules: string[] } | null;
}

export interface AgendaItemView {
  id: string;
  position: number;
  project: { id: string; title: string; kind: string };
  version: { id: string; number: number; label: string } | null;
  act: ActKind;
  actLabel: string;
  /** The act recorded at this séance for this item, if any. */
  recordedActId: string | null;
}

/** An act with everything a timeline, a PV list or the ARS package shows about it. */
export interface ActView {
  id: string;
  kind: ActKind;
  outcome: ActOutcome | null;
  votes: Votes | null;
  reserves: string;
  /** The réserves one by one, each with the comment threads and sections it concerns (issue 21). */
  reserveItems: ReserveItem[];
  notes: string;
  /** PV extract typed in, as ProseMirror JSON. */
  pvExtract: unknown | null;
  /** PV extract uploaded (PDF), attached to the séance. */
  pvDocument: { id: string; name: string; mediaType: string; size: number; sha256: string } | null;
  projectId: string;
  version: { id: string; number: number; label: string; hash: string };
  instance: { id: string; kind: InstanceKind; name: string; organisationId: string; organisationName: string };
  seance: { id: string; date: string; startTime: string | null; place: string };
  recordedBy: { id: string; name: string };
  recordedAt: string;
  override: { id: string; rules: string[]; justification: string; by: { id: string; name: string }; at: string } | null;
  /** "Saisi a posteriori" (see aPosteriori.ts): who entered it and when; null when entered in time. */
  aPosteriori: { by: { id: string; name: string }; at: string } | null;
  /** Annulled acts no longer count (progress, rules, timeline deadlines) but stay on record. */
  annulled: { justification: string; by: { id: string; name: string }; at: string } | null;
}

/** Where one step of the path stands for one version (and one établissement, for member steps). */
export interface StepState {
  stepId: string;
  act: ActKind;
  instanceKinds: InstanceKind[];
  /** The member établissement owing this step; null for the project's own steps. */
  organisationId: string | null;
  required: boolean;
  stage: PathStage;
  basis: string | null;
  /** The optional group the step belongs to (`projet-etablissement`), or null. */
  extension: string | null;
  /** The ARS's silence clock runs from this step's act. */
  startsTacitApproval: boolean;
  /** French label: "l’avis de la CME (Centre hospitalier d’Étampes-Juine)". */
  label: string;
  status: 'done' | 'planned' | 'todo';
  /** The act that fulfils the step (status done). */
  doneBy: { actId: string; date: string } | null;
  /** The next séance with this step on its agenda (status planned). */
  planned: { seanceId: string; date: string } | null;
  /** Every prerequisite is done. */
  ready: boolean;
  /** The steps this one waits for (ids), so a planner knows which can go on one day's agendas. */
  requires: string[];
}

export type Change = 'added' | 'removed' | 'changed';

export interface StaleAct {
  act: ActView;
  /** French sentence: what makes it stale and what to do. */
  message: string;
  changes: { summary: string; sections: { sectionId: string; title: string; change: Change }[] };
}

/** An act the path in force does not require (kept as recorded, never deleted). */
export interface NotRequiredAct {
  actId: string;
  /** French sentence saying so. */
  message: string;
}

export interface Deadline {
  kind: 'convocation' | 'transmission' | 'tacit_approval';
  date: string;
  label: string;
  status: 'upcoming' | 'met' | 'overdue';
  atRisk: boolean;
  /** Why it is at risk, in French. */
  risk: string | null;
  seanceId: string | null;
  actId: string | null;
}

export interface Timeline {
  today: string;
  line: { number: number; label: string; basedOnVersionId: string | null };
  currentHash: string;
  latestVersion: { id: string; number: number; label: string; hash: string; createdAt: string; matchesCurrentText: boolean } | null;
  /** `steps`: the path steps the act fulfils on its version; `required`: one of them is required. */
  acts: (ActView & { stale: boolean; line: number; steps: string[]; required: boolean })[];
  steps: StepState[];
  next: StepState[];
  missing: string[];
  stale: StaleAct[];
  /** Acts of the current line that no required step of the path in force needs. */
  notRequired: NotRequiredAct[];
  deadlines: Deadline[];
  /** Span for a Gantt-like line: from the first act or séance (or today) to the furthest deadline. */
  range: { from: string; to: string };
  /** The établissements owing steps of the path, in the path's order: the columns of the établissement × instance view. */
  etablissements: { id: string; name: string }[];
}

/** A séance as calendars, dashboards and the API show it. */
export interface SeanceView {
  id: string;
  instance: { id: string; kind: InstanceKind; name: string; organisationId: string; organisationName: string };
  date: string;
  startTime: string | null;
  endTime: string | null;
  place: string;
  status: SeanceStatus;
  convocation: {
    sentOn: string | null;
    /** Last day to send it, when the instance has a convocation delay. */
    deadline: string | null;
    days: number | null;
    /** Sent after the deadline, or not sent and the deadline passed. */
    late: boolean;
  };
  agenda: AgendaItemView[];
  documents: { id: string; name: string; mediaType: string; size: number; sha256: string; createdAt: string }[];
  /** "Saisie a posteriori" (created or moved with a date already past): who did it and when. */
  aPosteriori: { by: { id: string; name: string }; at: string } | null;
  createdAt: string;
  updatedAt: string;
}

/** A séance as the calendar and the séance page send it: with whether the reader may manage it. */
export type SeanceWithRights = SeanceView & { canManage: boolean };

export interface SecretaryDashboard {
  today: string;
  instances: {
    id: string;
    kind: InstanceKind;
    name: string;
    organisationId: string;
    organisationName: string;
    minimumPerYear: number | null;
    /** This year and next: séances held or planned (cancelled ones excluded), and a French warning when short of the minimum. */
    meetings: { year: number; count: number; warning: string | null }[];
  }[];
  /** Séances to come, soonest first. */
  nextSeances: SeanceView[];
  /** Séances to come whose convocation is not sent, with how many days remain before its deadline. */
  agendasNotSent: { seance: SeanceView; daysLeft: number | null; overdue: boolean }[];
  /** Agenda items of past séances with no act recorded. */
  actsNotRecorded: { seance: SeanceView; item: AgendaItemView; message: string }[];
}

/** An instance (CME, Directoire…) as listed: with its secretaries and whether the reader manages its séances. */
export interface InstanceView {
  id: string;
  organisationId: string;
  kind: InstanceKind;
  name: string;
  canManage: boolean;
  secretaries: { id: string; name: string }[];
}

/** A frozen version as listed. */
export interface VersionView {
  id: string;
  number: number;
  line: number;
  label: string;
  hash: string;
  createdAt: string;
  createdBy: { id: string; name: string };
  /** The live text is still exactly this version. */
  matchesCurrentText: boolean;
}

/** The séance as its page reads it: each agenda item says what recording its act would meet now. */
export interface SeanceDetail extends SeanceWithRights {
  agenda: (AgendaItemView & { check: AgendaItemCheck | null })[];
  acts: ActView[];
}

/** A document attached to a séance (convocation, PV), as its upload answers it. */
export type SeanceDocumentView = Omit<SeanceView['documents'][number], 'createdAt'>;

/** Where a missing role or instance blocks the path (issue 18). */
export interface Staffing {
  /** Required steps still to record whose instances exist but have no secretary to plan and record them. */
  withoutSecretary: number;
  /** Required steps still to record whose organisation has no instance of the kind. */
  withoutInstance: number;
  /** French sentences, one per kind of gap (empty when nothing blocks). */
  warnings: string[];
}

/** GET /api/projects/:id/timeline. */
export type ProjectTimelineView = Timeline & { staffing: Staffing };

/** GET /api/projects/:id/governance: the date the text must reach the ARS. */
export interface TransmissionDueView {
  transmissionDue: string | null;
}

/** 201 of POST /api/projects/:id/overrides: the dérogation granted. */
export interface OverrideView {
  id: string;
  versionId: string;
  seanceId: string | null;
  actKind: ActKind;
  rules: string[];
  justification: string;
  createdAt: string;
}

/** GET /api/calendar/feed: whether the reader has a secret feed URL, and since when. */
export interface CalendarFeedStatus {
  active: boolean;
  issuedAt: string | null;
}

/** 201 of POST /api/calendar/feed: the new secret URL, shown once. */
export interface CalendarFeedIssued {
  url: string;
}

/** An entry of the audit trail, as GET /api/projects/:id/audit and GET /api/audit list them. */
export interface AuditEntryView {
  seq: number;
  at: string;
  actor: { id: string | null; name: string };
  action: string;
  projectId: string | null;
  versionId: string | null;
  subject: { type: string; id: string | null } | null;
  details: Record<string, unknown>;
  hash: string;
}

/** GET /api/audit (administrators): the latest entries, and whether the hash chain is intact. */
export interface AuditLogView {
  intact: boolean;
  brokenAt: number | null;
  entries: AuditEntryView[];
}

/** A notification in the application (reminders, mentions). */
export interface NotificationView {
  id: string;
  kind: string;
  title: string;
  body: string;
  projectId: string | null;
  seanceId: string | null;
  createdAt: string;
  readAt: string | null;
}
