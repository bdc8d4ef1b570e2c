import type { Request, Response } from 'express';
import type { ExportedFile } from '../export/files';

/** Sends a generated file as a download (ASCII name, and the UTF-8 one per RFC 6266). */
export function sendFile(res: Response, file: ExportedFile): void {
  const ascii = file.filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  res.setHeader('Content-Type', file.contentType);
  res.setHeader('Content-Disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`);
  res.setHeader('Content-Length', String(file.data.byteLength));
  // Exports hold the hospital's text: never kept by a shared cache.
  res.setHeader('Cache-Control', 'private, no-store');
  res.end(Buffer.from(file.data.buffer, file.data.byteOffset, file.data.byteLength));
}

/** Aborted when the client disconnects before the response is complete (a cancelled export). */
export function clientGone(req: Request, res: Response): AbortSignal {
  const controller = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) controller.abort();
  });
  req.on('aborted', () => controller.abort());
  return controller.signal;
}
