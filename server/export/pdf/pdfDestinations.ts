/**
 * Reads, in a PDF written by Chromium (Skia), the page each named destination points to. The
 * table of contents links every entry to its heading (`href="#ch-2-1"`), so Chromium writes one
 * named destination per entry: `/ch-2-1 [<page object> 0 R /XYZ …]`. This is the layout's own
 * answer to "which page is this heading on" — no text search.
 *
 * Only what Skia writes is read: a classic cross-reference table, a catalog with `/Dests`, a
 * page tree. Anything else gives an empty map (the contents then show no page numbers).
 */
export function destinationPages(pdf: Uint8Array): Map<string, number> {
  try {
    return new PdfIndex(Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1')).destinationPages();
  } catch {
    return new Map();
  }
}

class PdfIndex {
  private readonly offsets = new Map<number, number>();
  private readonly trailer: string;

  constructor(private readonly text: string) {
    const start = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(text.slice(-64));
    if (!start) throw new Error('no startxref');
    const xrefAt = Number(start[1]);
    const trailerAt = text.indexOf('trailer', xrefAt);
    if (!text.startsWith('xref', xrefAt) || trailerAt < 0) throw new Error('no classic xref table');
    const lines = text
      .slice(xrefAt + 4, trailerAt)
      .trim()
      .split(/\r?\n|\r/);
    let objectNumber = 0;
    for (const line of lines) {
      const header = /^(\d+) (\d+)$/.exec(line.trim());
      if (header) {
        objectNumber = Number(header[1]);
        continue;
      }
      const entry = /^(\d{10}) (\d{5}) ([nf])/.exec(line.trim());
      if (entry && entry[3] === 'n') this.offsets.set(objectNumber, Number(entry[1]));
      objectNumber++;
    }
    this.trailer = text.slice(trailerAt, trailerAt + 512);
  }

  /** The dictionary text of an object (up to its stream or `endobj`). */
  private object(num: number): string {
    const at = this.offsets.get(num);
    if (at === undefined) throw new Error(`object ${num} not in xref`);
    const end = this.text.indexOf('endobj', at);
    const body = this.text.slice(at, end < 0 ? undefined : end);
    const stream = body.indexOf('stream');
    return stream < 0 ? body : body.slice(0, stream);
  }

  private ref(dict: string, key: string): number {
    const match = new RegExp(`${key}\\s+(\\d+)\\s+0\\s+R`).exec(dict);
    if (!match) throw new Error(`no ${key}`);
    return Number(match[1]);
  }

  /** Page object numbers in page order, walking the page tree. */
  private pageOrder(node: number, out: number[], depth = 0): void {
    if (depth > 32) throw new Error('page tree too deep');
    const dict = this.object(node);
    const kids = /\/Kids\s*\[([^\]]*)\]/.exec(dict);
    if (!kids || /\/Type\s*\/Page\b(?!s)/.test(dict)) {
      out.push(node);
      return;
    }
    for (const kid of kids[1]!.matchAll(/(\d+)\s+0\s+R/g)) this.pageOrder(Number(kid[1]), out, depth + 1);
  }

  destinationPages(): Map<string, number> {
    const catalog = this.object(this.ref(this.trailer, '/Root'));
    const pages: number[] = [];
    this.pageOrder(this.ref(catalog, '/Pages'), pages);
    const pageIndex = new Map(pages.map((num, index) => [num, index + 1]));
    const found = new Map<string, number>();
    if (!/\/Dests\s+\d+\s+0\s+R/.test(catalog)) return found;
    const dests = this.object(this.ref(catalog, '/Dests'));
    for (const match of dests.matchAll(/\/([^\s/[\]<>()]+)\s*\[\s*(\d+)\s+0\s+R/g)) {
      const page = pageIndex.get(Number(match[2]));
      if (page !== undefined) found.set(decodeName(match[1]!), page);
    }
    return found;
  }
}

/** PDF names escape bytes as #xx. */
const decodeName = (name: string): string => name.replace(/#([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
