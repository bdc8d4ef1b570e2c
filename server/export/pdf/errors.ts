import { HttpError } from '../../http/errors';

/** Chromium is not installed (or not where PMP_CHROMIUM_PATH says). */
export const pdfEngineMissing = (path: string): HttpError =>
  new HttpError(
    503,
    'pdf_engine_unavailable',
    `L’export PDF est indisponible : le moteur de rendu Chromium n’est pas installé sur le serveur (chemin attendu : ${path}). L’export DOCX reste possible ; contactez l’administrateur.`,
  );

export const pdfEngineFailed = (): HttpError =>
  new HttpError(503, 'pdf_engine_unavailable', 'L’export PDF est momentanément indisponible : le moteur de rendu ne répond pas. Réessayez dans un instant.');
