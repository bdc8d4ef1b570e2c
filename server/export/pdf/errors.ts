import { DomainError } from '../../errors';

/** Chromium is not installed (or not where PMP_CHROMIUM_PATH says). */
export const pdfEngineMissing = (path: string): DomainError =>
  new DomainError(
    'unavailable',
    'pdf_engine_unavailable',
    `L’export PDF est indisponible : le moteur de rendu Chromium n’est pas installé sur le serveur (chemin attendu : ${path}). L’export DOCX reste possible ; contactez l’administrateur.`,
  );

export const pdfEngineFailed = (): DomainError =>
  new DomainError(
    'unavailable',
    'pdf_engine_unavailable',
    'L’export PDF est momentanément indisponible : le moteur de rendu ne répond pas. Réessayez dans un instant.',
  );
