import type { z } from 'zod';
import type { FollowupView, IndicatorValueBody, ValueImportBody, ValueImportReport } from '../../../../schemas/api/followup';
import { request } from '../../api';

export type { ValueImportReport } from '../../../../schemas/api/followup';

/** The follow-up routes (docs/API.md « Follow-up after adoption »). */
const base = (projectId: string) => `/api/projects/${encodeURIComponent(projectId)}/followup`;

export const followupApi = {
  get: (projectId: string) => request<FollowupView>('GET', base(projectId)),
  /**
   * An indicator's chart, drawn by the server as the exports draw it; `version` (what the chart
   * shows) changes the address when a value changes, so the image is fetched again.
   */
  chartUrl: (projectId: string, indicatorId: string, version: string) =>
    `${base(projectId)}/indicators/${encodeURIComponent(indicatorId)}/chart.svg?v=${encodeURIComponent(version)}`,
  putValue: (projectId: string, indicatorId: string, year: number, body: z.input<typeof IndicatorValueBody>) =>
    request<void>('PUT', `${base(projectId)}/indicators/${encodeURIComponent(indicatorId)}/values/${year}`, body),
  putEtape: (projectId: string, ficheId: string, etapeId: string, doneOn: string | null) =>
    request<void>('PUT', `${base(projectId)}/fiches/${encodeURIComponent(ficheId)}/etapes/${encodeURIComponent(etapeId)}`, { doneOn }),
  importValues: (projectId: string, body: z.input<typeof ValueImportBody>) => request<ValueImportReport>('POST', `${base(projectId)}/import`, body),
};
