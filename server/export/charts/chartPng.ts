import fs from 'node:fs';
import { lazyRequire } from '../../lazyRequire';

/**
 * A chart's SVG as PNG, for where an SVG cannot go: the image store (raster only: an SVG can
 * carry script, schemas/imageSource.ts) and so the text of a bilan, its PDF and its DOCX. Drawn
 * by resvg (a maintained SVG renderer shipped as a prebuilt binary in its npm package) at twice
 * the chart's size so print stays sharp, with the exports' font (Liberation Sans, installed by
 * scripts/ensure.mjs) so the PNG reads like the PDF's text.
 */
const resvg = lazyRequire<typeof import('@resvg/resvg-js')>('@resvg/resvg-js');

const liberation = '/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf';

export function chartPng(svg: string, scale = 2): Buffer {
  const renderer = new (resvg().Resvg)(svg, {
    fitTo: { mode: 'zoom', value: scale },
    background: '#ffffff',
    font: fs.existsSync(liberation) ? { loadSystemFonts: false, fontFiles: [liberation], defaultFontFamily: 'Liberation Sans' } : { loadSystemFonts: true },
  });
  return Buffer.from(renderer.render().asPng());
}
