import type { SetupStatus, SetupStepId } from '../../../../schemas/api/users';
import { request } from '../../api';

export type { SetupStatus, SetupStepId } from '../../../../schemas/api/users';

/** The order the administrator is led through: people are invited before secretaries are named among them. */
export const setupOrder: readonly SetupStepId[] = ['organisations', 'ars', 'instances', 'people', 'secretaries'];

export const setupStepTitle: Record<SetupStepId, string> = {
  organisations: 'Le GHT et ses établissements (ou un établissement seul)',
  ars: 'L’ARS dont ils relèvent',
  instances: 'Les instances réglementaires',
  people: 'Les personnes : PCME, direction, secrétariats',
  secretaries: 'Le secrétariat de chaque instance',
};

export const setupStatus = (): Promise<SetupStatus> => request<SetupStatus>('GET', '/api/setup');

export const isSetupStep = (value: string): value is SetupStepId => (setupOrder as readonly string[]).includes(value);
