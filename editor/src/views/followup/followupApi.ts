import type { FollowupView } from '../../../../schemas/api/followup';
import { request } from '../../api';

/** The follow-up routes (docs/API.md « Follow-up after adoption »). */
const base = (projectId: string) => `/api/projects/${encodeURIComponent(projectId)}/followup`;

export interface ValueImportReport {
  year: number;
  lines: { line: number; indicator: string; indicatorId: string | null; value: string; status: 'ok' | 'refused'; reasons: string[] }[];
}

export const followupApi = {
  /** With the charts as SVG, drawn by the server as the exports draw them. */
  get: (projectId: string) => request<FollowupView>('GET', `${base(projectId)}?charts=1`),
  putValue: (projectId: string, indicatorId: string, year: number, body: { value: string; date?: string | null; source?: string | null; comment?: string | null }) =>
    request<void>('PUT', `${base(projectId)}/indicators/${encodeURIComponent(indicatorId)}/values/${year}`, body),
  putEtape: (projectId: string, ficheId: string, etapeId: string, doneOn: string | null) =>
    request<void>('PUT', `${base(projectId)}/fiches/${encodeURIComponent(ficheId)}/etapes/${encodeURIComponent(etapeId)}`, { doneOn }),
  importValues: (projectId: string, body: { year: number; csv: string; apply: boolean }) => request<ValueImportReport>('POST', `${base(projectId)}/import`, body),
};
