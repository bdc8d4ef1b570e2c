/**
 * The error shape of the API, shared by the server and the editor: every 4xx and 5xx answers
 * `{ error: { code, message, fields?, …details } }`, the message in French.
 */
export interface FieldError {
  /** Dotted path of the field at fault in the request body ('(corps)' for the body as a whole). */
  path: string;
  message: string;
}

export interface ApiErrorBody {
  error: { code: string; message: string; fields?: FieldError[] } & Record<string, unknown>;
}
