import zlib from 'node:zlib';
import { AppError } from '../errors.ts';

/**
 * Active content in a PDF: scripts, launch actions, embedded files, rich media. Names are
 * matched after `#xx` escapes are decoded, in the file and in every Flate stream (object
 * streams hide dictionaries there), each inflated with a bound so a bomb cannot hurt.
 */
const ACTIVE = /\/(JavaScript|JS|Launch|EmbeddedFiles?|RichMedia)(?=[\s()<>[\]{}/%]|$)/;
const MAX_INFLATED = 16 * 1024 * 1024;

const decodeNames = (text: string) =>
  text.replace(/#([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

export function hasActivePdfContent(bytes: Buffer): boolean {
  if (ACTIVE.test(decodeNames(bytes.toString('latin1')))) return true;
  let budget = MAX_INFLATED;
  let at = 0;
  for (;;) {
    const start = bytes.indexOf('stream', at, 'latin1');
    if (start < 0) return false;
    let from = start + 6;
    if (bytes[from] === 0x0d) from++;
    if (bytes[from] === 0x0a) from++;
    const end = bytes.indexOf('endstream', from, 'latin1');
    if (end < 0) return false;
    at = end + 9;
    if (budget <= 0) return true; // too much to inspect: refuse rather than guess
    try {
      const inflated = zlib.inflateSync(bytes.subarray(from, end), { maxOutputLength: budget });
      budget -= inflated.length;
      if (ACTIVE.test(decodeNames(inflated.toString('latin1')))) return true;
    } catch (err) {
      if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') return true;
      /* not a Flate stream (images, fonts): nothing to read */
    }
  }
}

export function assertNoActivePdfContent(bytes: Buffer) {
  if (hasActivePdfContent(bytes)) {
    throw new AppError(
      'FILE_TYPE_NOT_ALLOWED',
      'PDF 文件含有脚本、启动动作或嵌入文件，请另存为普通 PDF 后上传',
    );
  }
}

/** Decodes and encodes again: pixels only, upright, no metadata, nothing appended. */
export async function reencodeImage(bytes: Buffer, mime: string): Promise<Buffer> {
  try {
    const { default: sharp } = await import('sharp'); // loaded with the first image
    const image = sharp(bytes, { limitInputPixels: 40_000_000, failOn: 'error' }).rotate();
    return mime === 'image/png'
      ? await image.png({ compressionLevel: 9 }).toBuffer()
      : await image.jpeg({ quality: 88 }).toBuffer();
  } catch {
    throw new AppError('FILE_TYPE_NOT_ALLOWED', '图片已损坏或尺寸过大，无法读取');
  }
}
