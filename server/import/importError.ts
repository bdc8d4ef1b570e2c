import { HttpError } from '../http/errors';

/** Why a file cannot be imported; nothing is written when one is thrown. */
export type ImportRefusal =
  | 'import_too_large'
  | 'import_not_a_document'
  | 'import_unsupported_format'
  | 'import_encrypted'
  | 'import_corrupt'
  | 'import_zip_bomb'
  | 'import_external_reference'
  | 'import_converter_unavailable'
  | 'import_conversion_failed';

const statusOf: Record<ImportRefusal, number> = {
  import_too_large: 413,
  import_not_a_document: 400,
  import_unsupported_format: 400,
  import_encrypted: 400,
  import_corrupt: 400,
  import_zip_bomb: 400,
  import_external_reference: 400,
  import_converter_unavailable: 503,
  import_conversion_failed: 400,
};

/** A refused import, with its French message and the field at fault (the uploaded file). */
export function importError(code: ImportRefusal, message: string): HttpError {
  return new HttpError(statusOf[code], code, message, [{ path: 'fichier', message }]);
}
