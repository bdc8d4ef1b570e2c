import type { z } from 'zod';
import type { AgendaItemBody, CreateSeanceBody, OverrideBody, RecordActBody, UpdateSeanceBody } from '../../../../schemas/api/governanceBodies';
import type { ReserveItem, ReserveView } from '../../../../schemas/actReserves';
import type { OrganisationView } from '../../../../schemas/api/organisations';
import type { Created } from '../../../../schemas/api/projects';
import type { AvenantStarted, FrozenVersionAnswer, VersionDetailView, VersionLinesView } from '../../../../schemas/api/versions';
import { request } from '../../api';
// Response shapes shared with the server (schemas/api/), so the client cannot drift from them.
export type {
  ActView as Act,
  AgendaItemCheck,
  AgendaItemView as AgendaItem,
  Change,
  Deadline,
  StaleAct,
  InstanceView as Instance,
  NotificationView as Notification,
  SeanceDetail,
  SeanceWithRights as Seance,
  SecretaryDashboard,
  StepState as Step,
  Timeline,
  VersionView as Version,
  Violation as RuleBroken,
} from '../../../../schemas/api/governanceViews';
export type { ReceiptView as Receipt, SubmissionCheckView as SubmissionCheck, SubmissionView as Submission } from '../../../../schemas/api/submissions';
import type { ReceiptView as Receipt, SubmissionCheckView as SubmissionCheck, SubmissionView as Submission } from '../../../../schemas/api/submissions';
export type { SectionContent as VersionSection } from '../../../../schemas/api/versionContent';
export type { VersionDetailView as VersionDetail } from '../../../../schemas/api/versions';
export type { VersionSectionDiff as SectionDiff, VersionDiffView as VersionDiff } from '../../../../schemas/api/versionDiff';
import type { VersionDiffView as VersionDiff } from '../../../../schemas/api/versionDiff';
import type {
  ActView as Act,
  CalendarFeedIssued,
  CalendarFeedStatus,
  InstanceView as Instance,
  NotificationView as Notification,
  OverrideView,
  ProjectTimelineView,
  SeanceDetail,
  SeanceWithRights as Seance,
  SecretaryDashboard,
  VersionView as Version,
} from '../../../../schemas/api/governanceViews';

/**
 * The governance API as the browser uses it (docs/API.md, "Governance"): séances, acts,
 * timeline, versions, dashboard, notifications, calendar feed, ARS submissions. Same client,
 * same error shape (ApiError, with `details` for `rules` and `missing`).
 */

const enc = encodeURIComponent;

/** What the client sends: the input of the routes' own schemas (schemas/api/governanceBodies.ts). */
export type NewSeance = z.input<typeof CreateSeanceBody>;
export type NewAct = z.input<typeof RecordActBody>;
export type NewOverride = z.input<typeof OverrideBody>;
export type SeancePatch = z.input<typeof UpdateSeanceBody>;
export type NewAgendaItem = z.input<typeof AgendaItemBody>;

/** A document attached to a séance (convocation, PV). */
export type SeanceDocument = Seance['documents'][number];

export type OrganisationRef = OrganisationView;

function query(params: Record<string, string | undefined | null>): string {
  const entries = Object.entries(params).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '');
  return entries.length ? `?${new URLSearchParams(entries).toString()}` : '';
}

export const gov = {
  organisations: () => request<OrganisationRef[]>('GET', '/api/organisations'),
  instances: (organisationId?: string) => request<Instance[]>('GET', `/api/instances${query({ organisationId })}`),
  seances: (filter: { organisationId?: string; instanceId?: string; from?: string; to?: string }) => request<Seance[]>('GET', `/api/seances${query(filter)}`),
  seance: (id: string) => request<SeanceDetail>('GET', `/api/seances/${enc(id)}`),
  createSeance: (body: NewSeance) => request<Created>('POST', '/api/seances', body),
  updateSeance: (id: string, patch: SeancePatch) => request<Seance>('PATCH', `/api/seances/${enc(id)}`, patch),
  markConvocationSent: (id: string, sentOn?: string) => request<Seance>('POST', `/api/seances/${enc(id)}/convocation`, sentOn ? { sentOn } : {}),
  addAgendaItem: (id: string, item: NewAgendaItem) => request<Created>('POST', `/api/seances/${enc(id)}/agenda`, item),
  setAgendaVersion: (id: string, itemId: string, versionId: string | null) =>
    request<void>('PATCH', `/api/seances/${enc(id)}/agenda/${enc(itemId)}`, { versionId }),
  removeAgendaItem: (id: string, itemId: string) => request<void>('DELETE', `/api/seances/${enc(id)}/agenda/${enc(itemId)}`),
  recordAct: (seanceId: string, act: NewAct) => request<Act>('POST', `/api/seances/${enc(seanceId)}/acts`, act),
  grantOverride: (projectId: string, body: NewOverride) => request<OverrideView>('POST', `/api/projects/${enc(projectId)}/overrides`, body),
  versionLines: (projectId: string) => request<VersionLinesView>('GET', `/api/projects/${enc(projectId)}/version-lines`),
  startAvenant: (projectId: string, fromVersionId: string) => request<AvenantStarted>('POST', `/api/projects/${enc(projectId)}/avenants`, { fromVersionId }),
  /** The réserves of the project's live acts, with the sections and comment threads they concern. */
  reserves: (projectId: string) => request<ReserveView[]>('GET', `/api/projects/${enc(projectId)}/reserves`),
  /** States an act's réserves one by one and links them (the secretary of its instance). */
  setReserves: (actId: string, items: ReserveItem[]) => request<Act>('PUT', `/api/acts/${enc(actId)}/reserves`, { items }),
  annulAct: (actId: string, justification: string) => request<Act>('POST', `/api/acts/${enc(actId)}/annul`, { justification }),
  projectActs: (projectId: string) => request<Act[]>('GET', `/api/projects/${enc(projectId)}/acts`),
  timeline: (projectId: string) => request<ProjectTimelineView>('GET', `/api/projects/${enc(projectId)}/timeline`),
  versions: (projectId: string) => request<Version[]>('GET', `/api/projects/${enc(projectId)}/versions`),
  version: (projectId: string, versionId: string) => request<VersionDetailView>('GET', `/api/projects/${enc(projectId)}/versions/${enc(versionId)}`),
  freezeVersion: (projectId: string, label: string) => request<FrozenVersionAnswer>('POST', `/api/projects/${enc(projectId)}/versions`, { label }),
  diff: (projectId: string, a: string, b: string) => request<VersionDiff>('GET', `/api/projects/${enc(projectId)}/versions/${enc(a)}/diff/${enc(b)}`),
  dashboard: () => request<SecretaryDashboard>('GET', '/api/dashboard/secretary'),
  notifications: (unreadOnly: boolean, limit = 50) =>
    request<Notification[]>('GET', `/api/notifications${query({ unread: unreadOnly ? '1' : undefined, limit: String(limit) })}`),
  markRead: (id: string) => request<void>('POST', `/api/notifications/${enc(id)}/read`, {}),
  markAllRead: () => request<void>('POST', '/api/notifications/read-all', {}),
  feedStatus: () => request<CalendarFeedStatus>('GET', '/api/calendar/feed'),
  issueFeed: () => request<CalendarFeedIssued>('POST', '/api/calendar/feed', {}),
  revokeFeed: () => request<void>('DELETE', '/api/calendar/feed'),
  submissions: () => request<Submission[]>('GET', '/api/submissions'),
  projectSubmissions: (projectId: string) => request<Submission[]>('GET', `/api/projects/${enc(projectId)}/submissions`),
  createSubmission: (projectId: string, versionId: string) => request<Submission>('POST', `/api/projects/${enc(projectId)}/submissions`, { versionId }),
  verifySubmission: (id: string, downloadSha256?: string) =>
    request<SubmissionCheck>('POST', `/api/submissions/${enc(id)}/verify`, downloadSha256 ? { sha256: downloadSha256 } : {}),
  receipt: (id: string, receivedOn?: string) => request<Receipt>('POST', `/api/submissions/${enc(id)}/receipt`, receivedOn ? { receivedOn } : {}),
};
