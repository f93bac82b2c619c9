import { lookup } from 'node:dns/promises';
import net from 'node:net';
import { AppError } from '../../platform/errors.ts';

/** Addresses a school's endpoint may not point at: this host, private networks, metadata. */
const blocked = new net.BlockList();
for (const [prefix, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  blocked.addSubnet(prefix, bits, 'ipv4');
}
for (const [prefix, bits] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  blocked.addSubnet(prefix, bits, 'ipv6');
}

export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return blocked.check(mapped[1]!, 'ipv4');
  const family = net.isIP(address);
  if (family === 0) return true;
  return blocked.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

const refused = (why: string) => new AppError('BAD_REQUEST', `省级平台上报地址${why}`);

/**
 * The provincial endpoint must be http(s) and resolve only to public addresses, so a school
 * cannot make the server call its own network (SSRF). A deployment whose provincial platform
 * is on an intranet (and the tests' local receiver) sets HIREHALL_PROVINCIAL_ALLOW_PRIVATE=1.
 * Checked when the setting is saved and again before every push.
 */
export async function assertPublicEndpoint(endpoint: string, allowPrivate: boolean) {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw refused('格式不正确');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw refused('须为 http 或 https');
  if (url.username || url.password) throw refused('不能包含用户名或密码，请改用上报令牌');
  if (allowPrivate) return;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  if (net.isIP(host)) addresses = [host];
  else {
    try {
      addresses = (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);
    } catch {
      throw refused('无法解析');
    }
  }
  if (addresses.length === 0 || addresses.some(isPrivateAddress)) {
    throw refused('指向内网或本机地址，已拒绝');
  }
}
