import type yauzlModule from 'yauzl';
import { lazyRequire } from '../lazyRequire';
import { importError } from './importError';
import { importLimits } from './importLimits';

export type SourceFormat = 'docx' | 'odt';

/** An archive whose central directory passed the checks, with every entry expanded (bounded). */
export interface CheckedArchive {
  format: SourceFormat;
  entries: Map<string, Buffer>;
}

const oleSignature = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const zipSignature = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const odtMimeType = 'application/vnd.oasis.opendocument.text';

/**
 * An OLE compound file is either a Word 97-2003 document or an encrypted OOXML package (Office
 * wraps a password-protected DOCX in one, with `EncryptionInfo` and `EncryptedPackage` streams).
 */
function refuseCompoundFile(data: Buffer): never {
  const utf16 = (name: string) => Buffer.from(name, 'utf16le');
  if (data.includes(utf16('EncryptionInfo')) || data.includes(utf16('EncryptedPackage'))) {
    throw importError('import_encrypted', 'Ce document est protégé par un mot de passe : enregistrez-le sans mot de passe, puis importez-le à nouveau.');
  }
  throw importError(
    'import_unsupported_format',
    'Ce fichier est au format Word 97-2003 (.doc) : ouvrez-le dans Word ou LibreOffice, enregistrez-le en .docx, puis importez-le.',
  );
}

const corrupt = () =>
  importError('import_corrupt', 'Le fichier est endommagé : son archive ne peut pas être lue. Enregistrez-le à nouveau depuis Word ou LibreOffice.');
const bomb = (why: string) => importError('import_zip_bomb', `Le fichier est refusé : ${why}. Un document de traitement de texte n’a pas cette forme.`);

/** The central directory, read without expanding anything: names, sizes, flags. */
/** Loaded with the first import (the server keeps out of memory at rest what only imports need). */
const yauzl = lazyRequire<typeof yauzlModule>('yauzl');
type ZipFile = yauzlModule.ZipFile;
type Entry = yauzlModule.Entry;

function readDirectory(zip: ZipFile): Promise<Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: Entry[] = [];
    let declared = 0;
    zip.on('entry', (entry: Entry) => {
      if (entry.isEncrypted()) {
        zip.close();
        return reject(importError('import_encrypted', 'Ce document est chiffré : enregistrez-le sans mot de passe, puis importez-le à nouveau.'));
      }
      declared += entry.uncompressedSize;
      const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
      const why =
        declared > importLimits.maxExpandedBytes
          ? `une fois décompressé, il dépasserait ${importLimits.maxExpandedBytes / 1024 / 1024} Mo`
          : entry.uncompressedSize > importLimits.ratioFloorBytes && ratio > importLimits.maxRatio
            ? `l’un de ses éléments se décompresse ${Math.round(ratio)} fois (au plus ${importLimits.maxRatio})`
            : null;
      if (why) {
        zip.close();
        return reject(bomb(why));
      }
      entries.push(entry);
      zip.readEntry();
    });
    zip.on('end', () => resolve(entries));
    zip.on('error', () => reject(corrupt()));
    zip.readEntry();
  });
}

/** Expands one entry; yauzl checks the bytes against the declared size, so a lying directory fails. */
function expand(zip: ZipFile, entry: Entry): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (error, stream) => {
      if (error || !stream) return reject(corrupt());
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', () => reject(corrupt()));
      stream.on('end', () => resolve(Buffer.concat(chunks)));
    });
  });
}

function open(data: Buffer): Promise<ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl().fromBuffer(data, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false }, (error, zip) => {
      if (error || !zip) return reject(corrupt());
      resolve(zip);
    });
  });
}

function formatOf(entries: Map<string, Buffer>): SourceFormat {
  if (entries.has('[Content_Types].xml') && entries.has('word/document.xml')) return 'docx';
  if (entries.get('mimetype')?.toString('latin1').trim() === odtMimeType && entries.has('content.xml')) {
    if (entries.get('META-INF/manifest.xml')?.toString('utf8').includes('encryption-data')) {
      throw importError('import_encrypted', 'Ce document est protégé par un mot de passe : enregistrez-le sans mot de passe, puis importez-le à nouveau.');
    }
    return 'odt';
  }
  throw importError(
    'import_not_a_document',
    'Ce fichier n’est pas un document texte DOCX ou ODT (un classeur, une présentation ou une autre archive renommée ?).',
  );
}

/**
 * Checks an uploaded file before any converter sees it: size, signature (a PDF or a Word 97
 * file renamed .docx, an encrypted package), the zip's central directory (entry count, total
 * expansion, ratio, encryption flags) read before any entry is expanded, then every entry
 * expanded with the declared sizes enforced. Each refusal is a French 4xx; nothing is stored.
 */
export async function checkArchive(data: Buffer): Promise<CheckedArchive> {
  if (data.byteLength > importLimits.fileBytes) {
    throw importError(
      'import_too_large',
      `Le fichier dépasse ${importLimits.fileBytes / 1024 / 1024} Mo : allégez-le (images) ou importez-le en plusieurs parties.`,
    );
  }
  if (data.subarray(0, 8).equals(oleSignature)) refuseCompoundFile(data);
  if (!data.subarray(0, 4).equals(zipSignature)) {
    throw importError('import_not_a_document', 'Ce fichier n’est pas un document DOCX ou ODT (son contenu ne correspond pas à son extension).');
  }
  const zip = await open(data);
  if (zip.entryCount > importLimits.maxEntries) {
    zip.close();
    throw bomb(`il contient ${zip.entryCount} éléments (au plus ${importLimits.maxEntries})`);
  }
  const directory = await readDirectory(zip);
  // A second pass expands what the directory announced (lazyEntries: the first one is consumed).
  const reader = await open(data);
  const entries = new Map<string, Buffer>();
  const wanted = new Set(directory.filter((e) => !e.fileName.endsWith('/')).map((e) => e.fileName));
  await new Promise<void>((resolve, reject) => {
    reader.on('entry', (entry: Entry) => {
      if (!wanted.has(entry.fileName)) return reader.readEntry();
      expand(reader, entry).then((bytes) => {
        entries.set(entry.fileName, bytes);
        reader.readEntry();
      }, reject);
    });
    reader.on('end', resolve);
    reader.on('error', () => reject(corrupt()));
    reader.readEntry();
  }).finally(() => reader.close());
  return { format: formatOf(entries), entries };
}
