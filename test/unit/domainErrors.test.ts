import type { Response } from 'express';
import { describe, expect, it } from 'vitest';
import { closeCodeOfKind, CloseCode } from '../../server/collab/closeCodes';
import { DomainError } from '../../server/errors';
import { errorHandler } from '../../server/http/errors';
import { createLogger } from '../../server/log';

/** What the API's error handler sends for an error thrown by a route or a command. */
function answer(error: unknown): { status: number; headers: Record<string, string>; body: unknown } {
  const sent = { status: 0, headers: {} as Record<string, string>, body: undefined as unknown };
  const res = {
    set(headers: Record<string, string>) {
      Object.assign(sent.headers, headers);
      return res;
    },
    status(code: number) {
      sent.status = code;
      return res;
    },
    json(body: unknown) {
      sent.body = body;
      return res;
    },
  };
  errorHandler(createLogger('silent'))(error, {} as never, res as unknown as Response, () => {});
  return sent;
}

describe('domain errors at the edges', () => {
  it('answer over HTTP with the status of their kind and the one error shape', () => {
    expect(answer(new DomainError('not_found', 'seance_not_found', 'Séance introuvable.'))).toEqual({
      status: 404,
      headers: {},
      body: { error: { code: 'seance_not_found', message: 'Séance introuvable.' } },
    });
    const fields = [{ path: 'endTime', message: 'La fin doit suivre le début.' }];
    expect(answer(new DomainError('invalid', 'validation_failed', 'Données invalides (corps).', fields, { rules: [] }))).toEqual({
      status: 400,
      headers: {},
      body: { error: { code: 'validation_failed', message: 'Données invalides (corps).', fields, rules: [] } },
    });
    const busy = answer(new DomainError('too_many', 'export_in_progress', 'Un export est en cours.', undefined, undefined, 5));
    expect(busy.status).toBe(429);
    expect(busy.headers).toEqual({ 'Retry-After': '5' });
  });

  it('close a collaboration socket with a code of their kind', () => {
    expect(CloseCode[closeCodeOfKind.forbidden]).toBe(4403);
    expect(CloseCode[closeCodeOfKind.unauthenticated]).toBe(4401);
    expect(CloseCode[closeCodeOfKind.not_found]).toBe(4404);
    expect(CloseCode[closeCodeOfKind.unavailable]).toBe(4503);
  });
});
