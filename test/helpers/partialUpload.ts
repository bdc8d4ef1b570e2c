import http from 'node:http';
import { expect } from 'vitest';

/** What a partial upload saw: the answer (or 'timeout' when the server waited for the rest), and whether the server closed. */
export interface PartialUploadOutcome {
  answered: { status: number; connection: string | undefined; body: unknown } | 'timeout';
  closedByServer: boolean;
}

/**
 * An upload that announces `declared` bytes but sends only its first 64 KiB, then waits (`waitMs`
 * at most) for the answer and, once answered, for the server to close the connection: how a test
 * tells that a refusal came before the body was read.
 */
export async function partialUpload(
  url: string,
  options: { cookie?: string; origin: string; contentType: string; declared: number; waitMs?: number },
): Promise<PartialUploadOutcome> {
  const waitMs = options.waitMs ?? 3000;
  const headers: Record<string, string> = { origin: options.origin, 'content-type': options.contentType, 'content-length': String(options.declared) };
  if (options.cookie) headers.cookie = options.cookie;
  const req = http.request(url, { method: 'POST', headers });
  req.on('error', () => {}); // the server may close while the rest would still be sent
  const socketClosed = new Promise<void>((resolve) => req.once('socket', (socket) => socket.once('close', resolve)));
  const answer = new Promise<Exclude<PartialUploadOutcome['answered'], 'timeout'>>((resolve) =>
    req.once('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, body: JSON.parse(Buffer.concat(chunks).toString()) }));
    }),
  );
  req.write(Buffer.alloc(64 * 1024));
  const timeout = (ms: number) => new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), ms));
  const answered = await Promise.race([answer, timeout(waitMs)]);
  const closedByServer = answered !== 'timeout' && (await Promise.race([socketClosed, timeout(waitMs)])) !== 'timeout';
  req.destroy();
  return { answered, closedByServer };
}

/** The server refused `who` with `status` before the body was sent, and closed the connection. */
export function expectRefusedUnread(outcome: PartialUploadOutcome, status: number, who: string): void {
  expect(outcome.answered, `${who}: answered before the body was sent`).not.toBe('timeout');
  expect(outcome.answered, who).toMatchObject({ status, connection: 'close' });
  expect(outcome.closedByServer, `${who}: connection closed by the server`).toBe(true);
}
