import type { DocumentModel } from './model/types';

export type ExportFormat = 'pdf' | 'docx';

export const contentTypes: Record<ExportFormat | 'zip' | 'json', string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  zip: 'application/zip',
  json: 'application/json',
};

export interface ExportedFile {
  filename: string;
  contentType: string;
  data: Uint8Array;
}

/** ASCII slug for file names ('Projet médical partagé 2026–2030' → 'projet-medical-partage-2026-2030'). */
export function slug(text: string, max = 60): string {
  return (
    text
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, max)
      .replace(/-+$/, '') || 'document'
  );
}

/** 'PMP-projet-medical-partage-2026-2030-v3.pdf' or '…-texte-courant.docx'. */
export function exportFilename(model: { meta: Pick<DocumentModel['meta'], 'kind' | 'title'> }, versionNumber: number | null, format: ExportFormat): string {
  return `${model.meta.kind}-${slug(model.meta.title)}-${versionNumber === null ? 'texte-courant' : `v${versionNumber}`}.${format}`;
}
