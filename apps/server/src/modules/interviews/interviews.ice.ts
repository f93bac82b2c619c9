import { createHmac } from 'node:crypto';
import type { IceServer } from '@hirehall/shared/interviews';
import type { Config } from '../../platform/config.ts';

/**
 * ICE servers for one call. TURN credentials follow coturn's REST scheme
 * (`use-auth-secret`): username `<expiry-unix>:<callId>`, credential
 * base64(HMAC-SHA1(static-auth-secret, username)); they stop working at the expiry.
 */
export function iceServersFor(ice: Config['ice'], callId: string, now = Date.now()): IceServer[] {
  const servers: IceServer[] = [];
  if (ice.stunUrls.length > 0) servers.push({ urls: ice.stunUrls });
  if (ice.turnUrls.length > 0 && ice.turnSecret) {
    const username = `${Math.floor(now / 1000) + ice.turnTtlSeconds}:${callId}`;
    const credential = createHmac('sha1', ice.turnSecret).update(username).digest('base64');
    servers.push({ urls: ice.turnUrls, username, credential });
  }
  return servers;
}
