import type { FastifyReply, FastifyRequest } from 'fastify';
import { fileTypeFromBuffer } from 'file-type';
import sharp from 'sharp';
import { AppError } from '../../platform/errors.ts';
import { assertNoActivePdfContent } from '../../platform/storage/active-content.ts';

/** What an attachment resume may be, judged from its bytes (the client's name and type are ignored). */
const allowed: Record<string, { mime: string; ext: string }> = {
  'application/pdf': { mime: 'application/pdf', ext: 'pdf' },
  // file-type names every OLE2 compound file (Word 97–2003 .doc) application/x-cfb
  'application/x-cfb': { mime: 'application/msword', ext: 'doc' },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': {
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    ext: 'docx',
  },
  'image/jpeg': { mime: 'image/jpeg', ext: 'jpg' },
  'image/png': { mime: 'image/png', ext: 'png' },
};

export interface ResumeUpload {
  bytes: Buffer;
  mime: string;
  ext: string;
  fileName: string;
}

/**
 * Reads the one multipart file, enforces the size limit (the multipart plugin stops at
 * config.uploadMaxBytes), sniffs the type and re-encodes images, which drops EXIF/GPS and
 * every other metadata block.
 */
export async function receiveResumeFile(request: FastifyRequest): Promise<ResumeUpload> {
  if (!request.isMultipart())
    throw new AppError('BAD_REQUEST', '请以 multipart/form-data 上传文件');
  const part = await request.file();
  if (!part) throw new AppError('BAD_REQUEST', '请选择要上传的文件');
  const raw = await part.toBuffer();
  if (part.file.truncated) throw new AppError('FILE_TOO_LARGE');
  if (raw.length === 0) throw new AppError('BAD_REQUEST', '文件为空');
  const sniffed = await fileTypeFromBuffer(raw);
  const type = sniffed ? allowed[sniffed.mime] : undefined;
  if (!type) {
    throw new AppError('FILE_TYPE_NOT_ALLOWED', '附件简历仅支持 PDF、DOC、DOCX、JPG、PNG 格式');
  }
  if (type.mime === 'application/pdf') assertNoActivePdfContent(raw);
  const bytes = type.mime.startsWith('image/') ? await reencodeImage(raw, type.mime) : raw;
  return { bytes, mime: type.mime, ext: type.ext, fileName: safeFileName(part.filename, type.ext) };
}

/** Decodes and encodes again: the output carries pixels only, upright, no metadata. */
export async function reencodeImage(bytes: Buffer, mime: string): Promise<Buffer> {
  try {
    const image = sharp(bytes, { limitInputPixels: 40_000_000, failOn: 'error' }).rotate();
    return mime === 'image/png'
      ? await image.png({ compressionLevel: 9 }).toBuffer()
      : await image.jpeg({ quality: 88 }).toBuffer();
  } catch {
    throw new AppError('FILE_TYPE_NOT_ALLOWED', '图片已损坏或尺寸过大，无法读取');
  }
}

/** Strips directories and control characters; keeps the stem, forces the real extension. */
export function safeFileName(name: string | undefined, ext: string): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  const stem = base
    .replace(/\.[^.]*$/, '')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f"<>|:*?;]/g, '')
    .trim()
    .slice(0, 80);
  return `${stem || '简历'}.${ext}`;
}

/** Sends bytes as a download (never inline) with an ASCII fallback and a UTF-8 name. */
export function sendAsAttachment(
  reply: FastifyReply,
  file: { bytes: Buffer; fileName: string; mimeType: string },
) {
  const ascii = file.fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return reply
    .header('content-type', file.mimeType)
    .header(
      'content-disposition',
      `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
    )
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .send(file.bytes);
}
