import type { FollowupView } from '../../../../schemas/api/followup';
import { request } from '../../api';

/** The follow-up routes (docs/API.md « Follow-up after adoption »). */
const base = (projectId: string) => `/api/projects/${encodeURIComponent(projectId)}/followup`;

export interface ValueImportReport {
  year: number;
  lines: { line: number; indicator: string; indicatorId: string | null; value: string; status: 'ok' | 'refused'; reasons: string[] }[];
}

export const followupApi = {
  get: (projectId: string) => request<FollowupView>('GET', base(projectId)),
  /**
   * An indicator's chart, drawn by the server as the exports draw it; `version` (what the chart
   * shows) changes the address when a value changes, so the image is fetched again.
   */
  chartUrl: (projectId: string, indicatorId: string, version: string) => `${base(projectId)}/indicators/${encodeURIComponent(indicatorId)}/chart.svg?v=${encodeURIComponent(version)}`,
  putValue: (projectId: string, indicatorId: string, year: number, body: { value: string; date?: string | null; source?: string | null; comment?: string | null }) =>
    request<void>('PUT', `${base(projectId)}/indicators/${encodeURIComponent(indicatorId)}/values/${year}`, body),
  putEtape: (projectId: string, ficheId: string, etapeId: string, doneOn: string | null) =>
    request<void>('PUT', `${base(projectId)}/fiches/${encodeURIComponent(ficheId)}/etapes/${encodeURIComponent(etapeId)}`, { doneOn }),
  importValues: (projectId: string, body: { year: number; csv: string; apply: boolean }) => request<ValueImportReport>('POST', `${base(projectId)}/import`, body),
};
