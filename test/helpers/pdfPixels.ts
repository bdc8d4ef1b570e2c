import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface RenderedPage {
  width: number;
  height: number;
  /** RGB of the pixel at (x, y). */
  rgb(x: number, y: number): [number, number, number];
}

/** One page of a PDF rendered by pdftoppm (poppler-utils) at `dpi`, read from its PPM output. */
export async function renderPdfPage(pdf: Uint8Array, page: number, dpi = 60): Promise<RenderedPage> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pmp-pdf-page-'));
  const file = path.join(dir, 'document.pdf');
  fs.writeFileSync(file, pdf);
  await run('pdftoppm', ['-f', String(page), '-l', String(page), '-r', String(dpi), file, path.join(dir, 'page')]);
  const ppm = fs.readdirSync(dir).find((f) => f.endsWith('.ppm'));
  if (!ppm) throw new Error('pdftoppm wrote no page');
  const data = fs.readFileSync(path.join(dir, ppm));
  fs.rmSync(dir, { recursive: true, force: true });
  // "P6\n<width> <height>\n255\n" then the pixels.
  const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(data.subarray(0, 64).toString('latin1'));
  if (!header) throw new Error('not a binary PPM');
  const width = Number(header[1]);
  const height = Number(header[2]);
  const offset = header[0].length;
  return {
    width,
    height,
    rgb: (x, y) => {
      const i = offset + (y * width + x) * 3;
      return [data[i]!, data[i + 1]!, data[i + 2]!];
    },
  };
}

/** The pixels of a page close to a colour (each channel within `tolerance`), and the box they span. */
export function pixelsOfColour(
  page: RenderedPage,
  colour: [number, number, number],
  tolerance = 40,
): { count: number; box: { x0: number; y0: number; x1: number; y1: number } | null } {
  let count = 0;
  let box: { x0: number; y0: number; x1: number; y1: number } | null = null;
  for (let y = 0; y < page.height; y++) {
    for (let x = 0; x < page.width; x++) {
      const [r, g, b] = page.rgb(x, y);
      if (Math.abs(r - colour[0]) > tolerance || Math.abs(g - colour[1]) > tolerance || Math.abs(b - colour[2]) > tolerance) continue;
      count++;
      box = box ? { x0: Math.min(box.x0, x), y0: Math.min(box.y0, y), x1: Math.max(box.x1, x), y1: Math.max(box.y1, y) } : { x0: x, y0: y, x1: x, y1: y };
    }
  }
  return { count, box };
}
