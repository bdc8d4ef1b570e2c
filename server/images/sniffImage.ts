import type { ImageType } from '../../schemas/imageSource';

export interface SniffedImage {
  contentType: ImageType;
  /** Pixels, from the file's own header (the DOCX export sizes the picture with them). */
  width: number;
  height: number;
}

const startsWith = (data: Uint8Array, bytes: number[], at = 0): boolean => bytes.every((b, i) => data[at + i] === b);
const ascii = (data: Uint8Array, at: number, length: number): string => String.fromCharCode(...data.subarray(at, at + length));

function pngSize(data: Buffer): [number, number] | null {
  // IHDR is the first chunk: width and height at 16 and 20.
  return data.byteLength >= 24 && ascii(data, 12, 4) === 'IHDR' ? [data.readUInt32BE(16), data.readUInt32BE(20)] : null;
}

function gifSize(data: Buffer): [number, number] | null {
  return data.byteLength >= 10 ? [data.readUInt16LE(6), data.readUInt16LE(8)] : null;
}

/** The first start-of-frame marker's size (SOF0–SOF15 but DHT, JPG and DAC). */
function jpegSize(data: Buffer): [number, number] | null {
  let at = 2;
  while (at + 9 < data.byteLength) {
    if (data[at] !== 0xff) return null;
    const marker = data[at + 1]!;
    if (marker === 0xff) {
      at++;
      continue;
    }
    const length = data.readUInt16BE(at + 2);
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc)
      return [data.readUInt16BE(at + 7), data.readUInt16BE(at + 5)];
    at += 2 + length;
  }
  return null;
}

function webpSize(data: Buffer): [number, number] | null {
  if (data.byteLength < 30) return null;
  const chunk = ascii(data, 12, 4);
  if (chunk === 'VP8 ') return [data.readUInt16LE(26) & 0x3fff, data.readUInt16LE(28) & 0x3fff];
  if (chunk === 'VP8L') {
    const bits = data.readUInt32LE(21);
    return [(bits & 0x3fff) + 1, ((bits >> 14) & 0x3fff) + 1];
  }
  if (chunk === 'VP8X') return [data.readUIntLE(24, 3) + 1, data.readUIntLE(27, 3) + 1];
  return null;
}

/**
 * What an uploaded file really is, read from its first bytes: the content type a browser or a
 * Word document declares is never trusted. null for anything else (SVG, HTML, PDF…) or a header
 * too damaged to give a size.
 */
export function sniffImage(data: Buffer): SniffedImage | null {
  let type: ImageType | null = null;
  let size: [number, number] | null = null;
  if (startsWith(data, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) [type, size] = ['image/png', pngSize(data)];
  else if (startsWith(data, [0xff, 0xd8, 0xff])) [type, size] = ['image/jpeg', jpegSize(data)];
  else if (ascii(data, 0, 6) === 'GIF87a' || ascii(data, 0, 6) === 'GIF89a') [type, size] = ['image/gif', gifSize(data)];
  else if (ascii(data, 0, 4) === 'RIFF' && ascii(data, 8, 4) === 'WEBP') [type, size] = ['image/webp', webpSize(data)];
  if (!type || !size || size[0] < 1 || size[1] < 1) return null;
  return { contentType: type, width: size[0], height: size[1] };
}
