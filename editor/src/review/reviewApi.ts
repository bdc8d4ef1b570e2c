import type { ReserveView } from '../../../schemas/actReserves';
import type { DecisionAnswer, DecisionRequest } from '../../../schemas/api/review';
import { request } from '../api';

export type { DecisionAction } from '../../../schemas/api/review';

/** The decision routes of docs/API.md (editors and coordinators). */
export const reviewApi = {
  decide: (projectId: string, body: DecisionRequest) =>
    request<DecisionAnswer>('POST', `/api/projects/${encodeURIComponent(projectId)}/suggestions/decisions`, body),
  /** The réserves of the instances' avis and the threads and sections they concern (every member reads them). */
  reserves: (projectId: string) => request<ReserveView[]>('GET', `/api/projects/${encodeURIComponent(projectId)}/reserves`),
  undo: (projectId: string, decisionId: string) =>
    request<void>('POST', `/api/projects/${encodeURIComponent(projectId)}/suggestions/decisions/${encodeURIComponent(decisionId)}/undo`),
};
