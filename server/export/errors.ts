import { DomainError } from '../errors';

/** Every slot is taken and the line of ad-hoc exports is full. */
export const exportBusy = (): DomainError => new DomainError('unavailable', 'export_busy', 'Trop d’exports sont en cours ; réessayez dans un instant.');

export const exportTimedOut = (seconds: number): DomainError =>
  new DomainError('unavailable', 'export_timeout', `La génération du document a dépassé ${seconds} secondes et a été interrompue.`);

const inProgressMessages = {
  pdf: 'Un export PDF que vous avez demandé est déjà en cours : attendez qu’il se termine avant d’en lancer un autre.',
  docx: 'Un export DOCX que vous avez demandé est déjà en cours : attendez qu’il se termine avant d’en lancer un autre.',
  package: 'Un dossier de transmission que vous avez demandé est déjà en cours de constitution : attendez qu’il soit prêt avant d’en lancer un autre.',
} as const;

/**
 * The same user already has an export of this format running or waiting. Retry-After is a hint
 * (a 100-page PDF takes 2–7 s), not a promise: the running export may take longer.
 */
export const exportInProgress = (format: keyof typeof inProgressMessages, retryAfterSeconds: number): DomainError =>
  new DomainError('too_many', 'export_in_progress', inProgressMessages[format], undefined, undefined, retryAfterSeconds);

const megabytes = (bytes: number): string => (bytes / (1024 * 1024)).toLocaleString('fr-FR', { maximumFractionDigits: 1 });

export const exportTooLarge = (bytes: number, maxBytes: number): DomainError =>
  new DomainError(
    'too_large',
    'export_too_large',
    `Le document est trop volumineux pour être exporté : ${megabytes(bytes)} Mo de contenu pour une limite de ${megabytes(maxBytes)} Mo. Allégez-le (par exemple en le scindant) ou demandez à l’administrateur de relever la limite.`,
    undefined,
    { bytes, maxBytes },
  );

/** The client went away: nobody is waiting for the file any more. */
export class ExportAborted extends Error {
  constructor() {
    super('export aborted');
  }
}
