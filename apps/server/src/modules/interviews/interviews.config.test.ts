import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../platform/config.ts';
import { iceServersFor } from './interviews.ice.ts';

/** The interview calls' ICE settings as read from the environment. */
const env = (extra: Record<string, string>) => ({
  NODE_ENV: 'test',
  LOG_LEVEL: 'silent',
  HIREHALL_DATA_DIR: '/tmp/hirehall-config-test',
  ...extra,
});

describe('ICE configuration', () => {
  it('refuses TURN URLs without a TURN secret', () => {
    const cases: Record<string, string>[] = [
      { HIREHALL_TURN_URLS: 'turn:turn.example.cn:3478' },
      { HIREHALL_TURN_URLS: 'turn:turn.example.cn:3478', HIREHALL_TURN_SECRET: '' },
      { HIREHALL_TURN_URLS: ' , turns:turn.example.cn:5349?transport=tcp' },
    ];
    for (const extra of cases) {
      expect(() => loadConfig(env(extra))).toThrow(
        expect.objectContaining({
          code: 'VALIDATION_FAILED',
          message: expect.stringContaining(
            'HIREHALL_TURN_SECRET: required when HIREHALL_TURN_URLS is set',
          ),
        }),
      );
    }
  });

  it('reads TURN URLs with their secret; STUN alone or no URL needs none', () => {
    const config = loadConfig(
      env({
        HIREHALL_STUN_URLS: 'stun:turn.example.cn:3478',
        HIREHALL_TURN_URLS: 'turn:turn.example.cn:3478, turns:turn.example.cn:5349',
        HIREHALL_TURN_SECRET: 'north',
        HIREHALL_TURN_TTL_SECONDS: '600',
      }),
    );
    expect(config.ice).toMatchObject({
      turnUrls: ['turn:turn.example.cn:3478', 'turns:turn.example.cn:5349'],
      turnSecret: 'north',
      turnTtlSeconds: 600,
    });
    const servers = iceServersFor(config.ice, 'call-1', 1_700_000_000_000);
    expect(servers.at(-1)).toMatchObject({
      urls: ['turn:turn.example.cn:3478', 'turns:turn.example.cn:5349'],
      username: '1700000600:call-1',
    });

    const stunOnly = loadConfig(env({ HIREHALL_STUN_URLS: 'stun:stun.example.cn:3478' }));
    expect(stunOnly.ice.turnUrls).toEqual([]);
    expect(iceServersFor(stunOnly.ice, 'call-2').some((s) => 'credential' in s)).toBe(false);
    expect(loadConfig(env({ HIREHALL_TURN_URLS: ' , ' })).ice.turnUrls).toEqual([]);
  });
});
