import type { FastifyRequest } from 'fastify';
import { fileTypeFromBuffer } from 'file-type';
import { CHAT_IMAGE_MAX_BYTES } from '@hirehall/shared/chat';
import { AppError } from '../../platform/errors.ts';
import type { Queryable } from '../../platform/db/database.ts';
import type { FileStorage } from '../../platform/storage/storage.ts';
import { saveUpload } from '../../platform/storage/uploads.ts';
import { isMultipart } from '../../platform/storage/multipart.ts';

const IMAGE_TYPES = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp']);

/**
 * A chat image: the type judged from the bytes, the size limited, decoded and encoded again
 * (pixels only, upright, at most 1920 px, no metadata), plus a 240 px thumbnail.
 */
export async function receiveChatImage(
  q: Queryable,
  storage: FileStorage,
  request: FastifyRequest,
  owner: { accountId: string; organizationId: string | null },
) {
  if (!isMultipart(request)) throw new AppError('BAD_REQUEST', '请以 multipart/form-data 上传图片');
  const part = await request.file({ limits: { fileSize: CHAT_IMAGE_MAX_BYTES } });
  if (!part) throw new AppError('BAD_REQUEST', '请选择图片');
  const raw = await part.toBuffer();
  if (part.file.truncated || raw.length > CHAT_IMAGE_MAX_BYTES) {
    throw new AppError('FILE_TOO_LARGE', `图片不能超过${CHAT_IMAGE_MAX_BYTES / 1024 / 1024}MB`);
  }
  const sniffed = await fileTypeFromBuffer(raw);
  if (!sniffed || !IMAGE_TYPES.has(sniffed.mime)) {
    throw new AppError('FILE_TYPE_NOT_ALLOWED', '仅支持 JPG、PNG、GIF、WEBP 图片');
  }
  let full: Buffer;
  let thumb: Buffer;
  try {
    // sharp (libvips) loads with the first image, not at every server start
    const { default: sharp } = await import('sharp');
    const base = sharp(raw, { limitInputPixels: 40_000_000, failOn: 'error' }).rotate();
    const asPng = sniffed.mime === 'image/png';
    const resized = base.clone().resize(1920, 1920, { fit: 'inside', withoutEnlargement: true });
    full = asPng
      ? await resized.png({ compressionLevel: 9 }).toBuffer()
      : await resized.jpeg({ quality: 85 }).toBuffer();
    thumb = await base
      .clone()
      .resize(240, 240, { fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 75 })
      .toBuffer();
  } catch {
    throw new AppError('FILE_TYPE_NOT_ALLOWED', '图片已损坏或尺寸过大，无法读取');
  }
  const ext = sniffed.mime === 'image/png' ? 'png' : 'jpg';
  const mime = ext === 'png' ? 'image/png' : 'image/jpeg';
  const image = await saveUpload(q, storage, {
    upload: { bytes: full, mime, ext, fileName: `image.${ext}` },
    purpose: 'chat',
    ownerAccountId: owner.accountId,
    organizationId: owner.organizationId,
  });
  const thumbnail = await saveUpload(q, storage, {
    upload: { bytes: thumb, mime: 'image/jpeg', ext: 'jpg', fileName: `${image.id}.jpg` },
    purpose: 'chat_thumb',
    ownerAccountId: owner.accountId,
    organizationId: owner.organizationId,
  });
  return { fileId: image.id, thumbFileId: thumbnail.id };
}
