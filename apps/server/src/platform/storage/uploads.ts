import { createHash, randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { fileTypeFromBuffer } from 'file-type';
import { eq } from 'drizzle-orm';
import { AppError } from '../errors.ts';
import type { Queryable } from '../db/database.ts';
import type { FileStorage } from './storage.ts';
import { files } from './files.tables.ts';
import { assertNoActivePdfContent, reencodeImage } from './active-content.ts';
import { isMultipart } from './multipart.ts';

/** A type an upload may have, judged from its bytes. */
export interface AllowedType {
  mime: string;
  ext: string;
  /** the name file-type gives these bytes, when it is not `mime` */
  sniffedAs?: string;
}

export const PDF: AllowedType = { mime: 'application/pdf', ext: 'pdf' };
export const JPEG: AllowedType = { mime: 'image/jpeg', ext: 'jpg' };
export const PNG: AllowedType = { mime: 'image/png', ext: 'png' };
/** Word 97–2003: file-type names every OLE2 compound file application/x-cfb. */
export const DOC: AllowedType = {
  mime: 'application/msword',
  ext: 'doc',
  sniffedAs: 'application/x-cfb',
};
export const DOCX: AllowedType = {
  mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  ext: 'docx',
};

/** Allow-lists per purpose; later modules add theirs. */
export const uploadPurposes = {
  licence: [PDF, JPEG, PNG],
} satisfies Record<string, readonly AllowedType[]>;

export interface ReceivedUpload {
  bytes: Buffer;
  mime: string;
  ext: string;
  /** the client's name, cleaned, with the extension of the sniffed type */
  fileName: string;
}

/**
 * The bytes of the request's single multipart file (field name free), not yet judged:
 * refuses a request that is not multipart, has no file, an empty one, or one over the size
 * limit (config.uploadMaxBytes, or `maxBytes` when smaller).
 */
export async function readMultipartFile(
  request: FastifyRequest,
  options: { maxBytes?: number; tooLarge?: string } = {},
): Promise<{ bytes: Buffer; fileName: string | undefined }> {
  if (!isMultipart(request)) throw new AppError('BAD_REQUEST', '请以 multipart/form-data 上传文件');
  const part = await request.file(
    options.maxBytes ? { limits: { fileSize: options.maxBytes } } : undefined,
  );
  if (!part) throw new AppError('BAD_REQUEST', '请选择要上传的文件');
  const tooLarge = () => new AppError('FILE_TOO_LARGE', options.tooLarge);
  const bytes = await part.toBuffer().catch((err: { code?: string }) => {
    throw err.code === 'FST_REQ_FILE_TOO_LARGE' ? tooLarge() : err;
  });
  if (part.file.truncated) throw tooLarge();
  if (bytes.length === 0) throw new AppError('BAD_REQUEST', '文件为空');
  return { bytes, fileName: part.filename };
}

/**
 * Reads the single multipart file of the request (field name free), enforces the size
 * limit (the multipart plugin stops at config.uploadMaxBytes) and judges the type from the
 * bytes only — the client's name and mime type are never trusted. Images are re-encoded,
 * which drops EXIF/GPS and every other metadata block.
 */
export async function receiveUpload(
  request: FastifyRequest,
  allowed: readonly AllowedType[],
  options: {
    /** the message when the type is not allowed */
    refusal?: string;
    /** the file name's stem when the client's name has none */
    fallbackName?: string;
  } = {},
): Promise<ReceivedUpload> {
  const { bytes, fileName } = await readMultipartFile(request);
  const sniffed = await fileTypeFromBuffer(bytes);
  const type = sniffed && allowed.find((a) => (a.sniffedAs ?? a.mime) === sniffed.mime);
  if (!type) {
    throw new AppError(
      'FILE_TYPE_NOT_ALLOWED',
      options.refusal ??
        `不支持的文件类型，仅支持 ${allowed.map((a) => a.ext.toUpperCase()).join('/')}`,
    );
  }
  // images are re-encoded (polyglots and decompression bombs end here); PDFs must be inert
  if (type.mime === PDF.mime) assertNoActivePdfContent(bytes);
  const stored = type.mime.startsWith('image/') ? await reencodeImage(bytes, type.mime) : bytes;
  return {
    bytes: stored,
    mime: type.mime,
    ext: type.ext,
    fileName: safeFileName(fileName, type.ext, options.fallbackName),
  };
}

/** Strips directories and control characters; keeps the stem, forces the real extension. */
export function safeFileName(name: string | undefined, ext: string, fallback = 'file'): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  const stem = base
    .replace(/\.[^.]*$/, '')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f"<>|:*?;]/g, '')
    .trim()
    .slice(0, 80);
  return `${stem || fallback}.${ext}`;
}

/**
 * Stores the bytes under a server-generated key and records the metadata row. `within`
 * writes the rows that point at the file in the same transaction as the metadata row; the
 * bytes are stored before it (the database storage has a connection of its own, and PGlite
 * only one: call this outside an open transaction when the storage may be the database).
 * Nothing is left behind when a write fails.
 */
export async function saveUpload<T = undefined>(
  q: Queryable,
  storage: FileStorage,
  input: {
    upload: ReceivedUpload;
    purpose: string;
    ownerAccountId?: string | null;
    organizationId?: string | null;
  },
  within?: (tx: Queryable, fileId: string) => Promise<T>,
): Promise<{ id: string; linked: T }> {
  const id = randomUUID();
  const now = new Date();
  const month = `${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
  const storageKey = `${input.purpose.replace(/[^a-z0-9_-]/gi, '')}/${month}/${id}`;
  await storage.put(storageKey, input.upload.bytes);
  const record = (tx: Queryable) =>
    tx.insert(files).values({
      id,
      ownerAccountId: input.ownerAccountId ?? null,
      organizationId: input.organizationId ?? null,
      purpose: input.purpose,
      fileName: input.upload.fileName,
      mimeType: input.upload.mime,
      sizeBytes: input.upload.bytes.length,
      sha256: createHash('sha256').update(input.upload.bytes).digest('hex'),
      storageKey,
    });
  try {
    const linked = within
      ? await q.transaction(async (tx) => {
          await record(tx);
          return within(tx, id);
        })
      : (await record(q), undefined as T);
    return { id, linked };
  } catch (err) {
    await storage.remove(storageKey).catch(() => undefined);
    throw err;
  }
}

export type FileRow = typeof files.$inferSelect;

export async function findFile(q: Queryable, id: string): Promise<FileRow | null> {
  const [row] = await q.select().from(files).where(eq(files.id, id));
  return row ?? null;
}

const INLINE = new Set(['application/pdf', 'image/jpeg', 'image/png', 'image/gif', 'image/webp']);

/**
 * Sends a stored file with a safe name (an ASCII fallback and the UTF-8 name); PDFs and
 * images inline unless `download`. The caller has already checked access.
 */
export async function sendFile(
  reply: FastifyReply,
  storage: FileStorage,
  file: Pick<FileRow, 'storageKey' | 'fileName' | 'mimeType'>,
  options: { download?: boolean } = {},
) {
  const bytes = await storage.get(file.storageKey);
  const ascii = file.fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const disposition = !options.download && INLINE.has(file.mimeType) ? 'inline' : 'attachment';
  return reply
    .header('content-type', file.mimeType)
    .header(
      'content-disposition',
      `${disposition}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
    )
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .send(bytes);
}
