import { createHash } from 'node:crypto';
import type yauzlModule from 'yauzl';
import type yazlModule from 'yazl';
import { lazyRequire } from '../../lazyRequire';

/** Loaded with the first package. */
const yazl = lazyRequire<typeof yazlModule>('yazl');
const yauzl = lazyRequire<typeof yauzlModule>('yauzl');

export const sha256 = (data: Uint8Array): string => createHash('sha256').update(data).digest('hex');

/** A zip of the given files, in this order, all dated `mtime` (same input ⇒ same bytes). */
export function writeZip(files: { name: string; data: Uint8Array }[], mtime: Date): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const zip = new (yazl().ZipFile)();
    for (const file of files) zip.addBuffer(Buffer.from(file.data.buffer, file.data.byteOffset, file.data.byteLength), file.name, { mtime, mode: 0o100644 });
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (chunk: Buffer) => chunks.push(chunk));
    zip.outputStream.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    zip.outputStream.on('error', reject);
    zip.end();
  });
}

/** Bounds for reading a package, so a crafted zip cannot exhaust memory. */
export const zipLimits = { maxEntries: 2000, maxTotalBytes: 512 * 1024 * 1024 };

/** Every entry of a zip, in order (names as stored; directories skipped). */
export function readZip(data: Uint8Array): Promise<{ name: string; data: Buffer }[]> {
  return new Promise((resolve, reject) => {
    yauzl().fromBuffer(Buffer.from(data.buffer, data.byteOffset, data.byteLength), { lazyEntries: true, validateEntrySizes: true }, (error, zip) => {
      if (error || !zip) return reject(error ?? new Error('zip illisible'));
      const entries: { name: string; data: Buffer }[] = [];
      let total = 0;
      const fail = (e: Error) => {
        zip.close();
        reject(e);
      };
      zip.on('entry', (entry: yauzlModule.Entry) => {
        if (entries.length >= zipLimits.maxEntries) return fail(new Error('trop de fichiers dans le zip'));
        total += entry.uncompressedSize;
        if (total > zipLimits.maxTotalBytes) return fail(new Error('zip trop volumineux'));
        if (entry.fileName.endsWith('/')) return zip.readEntry();
        zip.openReadStream(entry, (err, stream) => {
          if (err || !stream) return fail(err ?? new Error('entrée illisible'));
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('error', fail);
          stream.on('end', () => {
            entries.push({ name: entry.fileName, data: Buffer.concat(chunks) });
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(entries));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}
