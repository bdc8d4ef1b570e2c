import { ApiError, errorOfResponse } from '../api';
import { filenameFromDisposition } from './filename';

export interface Downloaded {
  blob: Blob;
  filename: string;
}

/**
 * GETs a file with the session cookie; rejects with the server's ApiError (its French message),
 * with an ApiError `aborted` when the signal fires, or `network` when the server is unreachable.
 */
export async function fetchFile(url: string, fallbackName: string, signal?: AbortSignal): Promise<Downloaded> {
  let res: Response;
  try {
    res = await fetch(url, { credentials: 'same-origin', signal, headers: { Accept: '*/*' } });
  } catch (error) {
    if (signal?.aborted || (error instanceof DOMException && error.name === 'AbortError')) {
      throw new ApiError(0, 'aborted', 'Téléchargement annulé.');
    }
    throw new ApiError(0, 'network', 'Le serveur est injoignable. Vérifiez votre connexion réseau puis réessayez.');
  }
  if (!res.ok) throw await errorOfResponse(res);
  let blob: Blob;
  try {
    blob = await res.blob();
  } catch {
    if (signal?.aborted) throw new ApiError(0, 'aborted', 'Téléchargement annulé.');
    throw new ApiError(0, 'network', 'Le téléchargement a été interrompu. Réessayez.');
  }
  return { blob, filename: filenameFromDisposition(res.headers.get('Content-Disposition'), fallbackName) };
}

/** Hands a blob to the browser as a download under the given name. */
export function saveBlob(file: Downloaded): void {
  const url = URL.createObjectURL(file.blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = file.filename;
  link.rel = 'noopener';
  link.hidden = true;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Give the browser time to start reading the blob before it is released.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** SHA-256 of a blob in hex, or null where the browser offers no WebCrypto (non-HTTPS intranet). */
export async function sha256Hex(blob: Blob): Promise<string | null> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return null;
  const digest = await subtle.digest('SHA-256', await blob.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
