import { DomainError, type ErrorKind } from '../errors';

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

const kindOf: Record<ImportRefusal, ErrorKind> = {
  import_too_large: 'too_large',
  import_not_a_document: 'invalid',
  import_unsupported_format: 'invalid',
  import_encrypted: 'invalid',
  import_corrupt: 'invalid',
  import_zip_bomb: 'invalid',
  import_external_reference: 'invalid',
  import_converter_unavailable: 'unavailable',
  import_conversion_failed: 'invalid',
};

/** A refused import, with its French message and the field at fault (the uploaded file). */
export function importError(code: ImportRefusal, message: string): DomainError {
  return new DomainError(kindOf[code], code, message, [{ path: 'fichier', message }]);
}
