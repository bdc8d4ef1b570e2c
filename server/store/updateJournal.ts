import fs from 'node:fs';
import { crc32 } from 'node:zlib';
import type { LoggedUpdate } from './documents';

/** A journaled update and where its record ends in the file. */
export interface JournalRecord extends LoggedUpdate {
  /** When it was journaled (ms since the epoch). */
  at: number;
  /** Offset where its record starts (a drain in the store thread reads the file from there). */
  start: number;
  /** Offset just past its record: the drain mark once it is in the database. */
  end: number;
}

const magic = 0x4a504d50; // "PMPJ" read as little-endian
const formatVersion = 1;
export const journalHeaderBytes = 16;
/** Body length and its CRC-32. */
const recordHeaderBytes = 8;
/** The time (f64) and the document name's length (u16) that open a body. */
const bodyPrefixBytes = 10;

/**
 * An append-only file of Yjs updates, written before they are applied and broadcast. One
 * positional write per batch, where a SQLite commit costs 6–7 writes, WAL checksums and file
 * locks: a write that returned is in the OS cache and survives `kill -9`, as a WAL commit with
 * synchronous=NORMAL does. The records are later moved into SQLite in batches (see
 * journaledDocuments.ts). Layout: a 16-byte header (magic, format version, generation, zero),
 * then records `[u32 body length][u32 CRC-32 of body][f64 time][u16 name length][name][update]`,
 * little-endian. A torn last record (power loss) fails its CRC and ends the file.
 */
export class UpdateJournal {
  private constructor(
    private readonly fd: number,
    /** Bumped each time the file is emptied, so an old drain mark cannot skip new records. */
    private gen: number,
    /** Offset past the last record written. */
    private end: number,
  ) {}

  get generation(): number {
    return this.gen;
  }

  get size(): number {
    return this.end;
  }

  /**
   * Opens the journal and returns its records. A missing or empty file starts at generation
   * `nextGeneration`; a file that is not a journal is refused rather than overwritten.
   */
  static open(file: string, nextGeneration: number): { journal: UpdateJournal; records: JournalRecord[] } {
    const fd = fs.openSync(file, fs.constants.O_RDWR | fs.constants.O_CREAT, 0o600);
    try {
      const bytes = fs.readFileSync(fd);
      if (bytes.byteLength < journalHeaderBytes) {
        const journal = new UpdateJournal(fd, nextGeneration, journalHeaderBytes);
        journal.writeHeader();
        fs.ftruncateSync(fd, journalHeaderBytes);
        return { journal, records: [] };
      }
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      if (view.getUint32(0, true) !== magic || view.getUint32(4, true) !== formatVersion) {
        throw new Error(`${file} n’est pas un journal de mises à jour (format ${formatVersion})`);
      }
      // A torn tail stays until the records are moved and the file emptied: until then the
      // store refuses new updates, so none can land behind it.
      const { records, end } = readRecords(bytes, view);
      return { journal: new UpdateJournal(fd, view.getUint32(8, true), end), records };
    } catch (error) {
      fs.closeSync(fd);
      throw error;
    }
  }

  /** Writes the batch's records in one write; throws (having written nothing usable) on failure. */
  append(entries: readonly LoggedUpdate[], at: number): JournalRecord[] {
    let length = 0;
    for (const { docName, update } of entries) {
      const nameLength = Buffer.byteLength(docName, 'utf8');
      if (nameLength > 0xffff) throw new Error('document name too long for the journal');
      length += recordHeaderBytes + bodyPrefixBytes + nameLength + update.byteLength;
    }
    const out = Buffer.allocUnsafe(length);
    const records: JournalRecord[] = [];
    let offset = 0;
    for (const { docName, update } of entries) {
      const start = this.end + offset;
      const bodyStart = offset + recordHeaderBytes;
      const nameLength = out.write(docName, bodyStart + bodyPrefixBytes, 'utf8');
      const bodyLength = bodyPrefixBytes + nameLength + update.byteLength;
      out.writeDoubleLE(at, bodyStart);
      out.writeUInt16LE(nameLength, bodyStart + 8);
      out.set(update, bodyStart + bodyPrefixBytes + nameLength);
      out.writeUInt32LE(bodyLength, offset);
      out.writeUInt32LE(crc32(out.subarray(bodyStart, bodyStart + bodyLength)), offset + 4);
      offset = bodyStart + bodyLength;
      records.push({ docName, update, at, start, end: this.end + offset });
    }
    try {
      writeFully(this.fd, out, this.end);
    } catch (error) {
      // A partial batch must not survive to be replayed: cut it off (best effort; a torn record
      // would fail its CRC anyway, and the next batch overwrites from the same offset).
      try {
        fs.ftruncateSync(this.fd, this.end);
      } catch {
        /* the write's error is the one to report */
      }
      throw error;
    }
    this.end += length;
    return records;
  }

  /**
   * Empties the file under the next generation, once every record is in the database. The
   * truncation comes first: a crash between the two steps leaves an empty old generation,
   * which holds nothing to replay.
   */
  rotate(): void {
    fs.ftruncateSync(this.fd, journalHeaderBytes);
    this.end = journalHeaderBytes;
    this.gen += 1;
    this.writeHeader();
  }

  close(): void {
    fs.closeSync(this.fd);
  }

  private writeHeader(): void {
    const header = Buffer.alloc(journalHeaderBytes);
    header.writeUInt32LE(magic, 0);
    header.writeUInt32LE(formatVersion, 4);
    header.writeUInt32LE(this.gen, 8);
    writeFully(this.fd, header, 0);
  }
}

function writeFully(fd: number, bytes: Uint8Array, position: number): void {
  let written = 0;
  while (written < bytes.byteLength) {
    written += fs.writeSync(fd, bytes, written, bytes.byteLength - written, position + written);
  }
}

/**
 * What a copy of the journal holds (a backup reads the live file): its generation, its sound
 * records and where they stop; null when the bytes are not a journal or hold no header yet.
 */
export function readJournalBytes(bytes: Buffer): { generation: number; records: JournalRecord[]; end: number } | null {
  if (bytes.byteLength < journalHeaderBytes) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== magic || view.getUint32(4, true) !== formatVersion) return null;
  return { generation: view.getUint32(8, true), ...readRecords(bytes, view) };
}

/** The sound records after the header, and the offset where they stop. */
function readRecords(bytes: Buffer, view: DataView): { records: JournalRecord[]; end: number } {
  const records: JournalRecord[] = [];
  let offset = journalHeaderBytes;
  while (offset + recordHeaderBytes + bodyPrefixBytes <= bytes.byteLength) {
    const bodyLength = view.getUint32(offset, true);
    const bodyStart = offset + recordHeaderBytes;
    const bodyEnd = bodyStart + bodyLength;
    if (bodyLength < bodyPrefixBytes || bodyEnd > bytes.byteLength) break;
    const body = bytes.subarray(bodyStart, bodyEnd);
    if (crc32(body) !== view.getUint32(offset + 4, true)) break;
    const nameLength = view.getUint16(bodyStart + 8, true);
    if (bodyPrefixBytes + nameLength > bodyLength) break;
    records.push({
      at: view.getFloat64(bodyStart, true),
      docName: body.toString('utf8', bodyPrefixBytes, bodyPrefixBytes + nameLength),
      // A copy: the file's buffer is not kept alive by one small update.
      update: new Uint8Array(body.subarray(bodyPrefixBytes + nameLength)),
      start: offset,
      end: bodyEnd,
    });
    offset = bodyEnd;
  }
  return { records, end: offset };
}
