import { HttpError } from '../../errors';

/** The extension each accepted media type must carry. */
const extensions: Record<string, string> = {
  'application/pdf': 'pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.oasis.opendocument.text': 'odt',
};

/**
 * The name a séance document is stored under: its extension must match its media type, so a
 * PDF cannot be offered for download as `x.html` (a browser or a mail client would trust the
 * name). A name without extension gets the right one; a different extension is refused (400)
 * rather than silently renamed, so the secretary sees what was wrong.
 */
export function documentName(name: string, mediaType: string): string {
  const expected = extensions[mediaType];
  if (!expected) return name;
  // "Séance 12.03" has no extension: one starts with a letter.
  const ext = /\.([a-z][a-z0-9]{0,9})$/i.exec(name)?.[1];
  if (ext === undefined) return `${name}.${expected}`;
  if (ext.toLowerCase() === expected) return name;
  throw new HttpError(400, 'validation_failed', 'Données invalides (paramètres).', [
    { path: 'name', message: `L’extension « .${ext} » ne correspond pas au type du fichier : attendu « .${expected} ».` },
  ]);
}
