import { deflateSync, type ZlibOptions } from 'node:zlib';

/**
 * A greyscale PNG built by hand: signature, IHDR, IDAT, IEND. `scanlines` are the image's rows
 * as PNG stores them, each a filter byte then the row's pixels at `bitDepth` bits each. Test
 * data for uploads (server tests and e2e journeys).
 */
export function greyscalePng(
  image: { width: number; height: number; bitDepth: 1 | 2 | 4 | 8 | 16; scanlines: Buffer },
  deflate: ZlibOptions = {},
): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(image.width, 0);
  ihdr.writeUInt32BE(image.height, 4);
  ihdr[8] = image.bitDepth;
  ihdr[9] = 0; // colour type: greyscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(image.scanlines, deflate)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
