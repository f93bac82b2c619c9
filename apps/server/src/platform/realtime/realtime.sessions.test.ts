import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Socket } from 'socket.io-client';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { signInAs, type SignedIn } from '../../../test/fixtures.ts';
import { accounts } from '../../modules/accounts/accounts.tables.ts';
import { baseUrlOf, socketFor } from '../../modules/chat/chat.fixtures.ts';
import { CSRF_COOKIE, SESSION_COOKIE, createSession } from '../auth/sessions.ts';
import { hashPassword } from '../auth/passwords.ts';
import { HANDSHAKE_CONCURRENCY } from './realtime.ts';

/** Open sockets end with their session: sign-out, password change, suspension. */
let t: TestApp;
let baseUrl: string;
const sockets: Socket[] = [];

beforeAll(async () => {
  t = await createTestApp({ HIREHALL_DISPATCHER: '0' });
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  baseUrl = baseUrlOf(t.app);
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await t.close();
});

async function open(who: SignedIn) {
  const socket = await socketFor(baseUrl, who);
  sockets.push(socket);
  return socket;
}

/** Resolves with the disconnect reason, or 'still connected' after `ms`. */
function disconnected(socket: Socket, ms = 5000): Promise<string> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve('still connected'), ms);
    socket.once('disconnect', (reason) => {
      clearTimeout(timer);
      resolve(reason);
    });
  });
}

/** A second session of the same account (another browser). */
async function secondSession(who: SignedIn): Promise<SignedIn> {
  const s = await createSession(t.database.db, { accountId: who.accountId, days: 1 });
  return {
    ...who,
    headers: {
      cookie: `${SESSION_COOKIE}=${s.token}; ${CSRF_COOKIE}=${s.csrfToken}`,
      'x-csrf-token': s.csrfToken,
    },
  };
}

describe('sockets end with their session', () => {
  it('sign-out disconnects the sockets of that session only', async () => {
    const seeker = await signInAs(t.database.db, 'seeker');
    const other = await secondSession(seeker);
    const a = await open(seeker);
    const b = await open(other);
    const ended = disconnected(a);
    const stays = disconnected(b, 1500);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-out',
      headers: seeker.headers,
    });
    expect(res.statusCode).toBe(204);
    expect(await ended).toBe('io server disconnect');
    expect(await stays).toBe('still connected');
    // the signed-out cookie cannot connect again
    await expect(socketFor(baseUrl, seeker)).rejects.toThrow();
  });

  it('a password change disconnects the other sessions, not the one that changed it', async () => {
    const employer = await signInAs(t.database.db, 'employer');
    await t.database.db
      .update(accounts)
      .set({ passwordHash: await hashPassword('Before2026pw') })
      .where(eq(accounts.id, employer.accountId));
    const elsewhere = await secondSession(employer);
    const here = await open(employer);
    const there = await open(elsewhere);
    const ended = disconnected(there);
    const stays = disconnected(here, 1500);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: employer.headers,
      payload: { currentPassword: 'Before2026pw', newPassword: 'After2026pw!' },
    });
    expect(res.statusCode).toBeLessThan(300);
    expect(await ended).toBe('io server disconnect');
    expect(await stays).toBe('still connected');
  });

  it("the admin's suspension disconnects every socket of the account", async () => {
    const admin = await signInAs(t.database.db, 'admin');
    const seeker = await signInAs(t.database.db, 'seeker');
    const bystander = await signInAs(t.database.db, 'seeker');
    const a = await open(seeker);
    const b = await open(await secondSession(seeker));
    const c = await open(bystander);
    const endedA = disconnected(a);
    const endedB = disconnected(b);
    const stays = disconnected(c, 1500);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/admin/accounts/${seeker.accountId}/suspension`,
      headers: admin.headers,
      payload: { reason: '发布违规信息' },
    });
    expect(res.statusCode).toBe(204);
    expect(await endedA).toBe('io server disconnect');
    expect(await endedB).toBe('io server disconnect');
    expect(await stays).toBe('still connected');
  });

  it('a rolled-back revocation ends nothing', async () => {
    const seeker = await signInAs(t.database.db, 'seeker');
    const socket = await open(seeker);
    const stays = disconnected(socket, 1500);
    await t.database.db
      .transaction(async (tx) => {
        await tx
          .update(accounts)
          .set({ status: 'disabled' })
          .where(eq(accounts.id, seeker.accountId));
        throw new Error('rollback');
      })
      .catch(() => undefined);
    expect(await stays).toBe('still connected');
  });
});

describe('handshakes', () => {
  it(`a burst of handshakes (more than ${HANDSHAKE_CONCURRENCY} at once) all settle: valid sessions connect, ended ones are refused`, async () => {
    const people = await Promise.all(
      Array.from({ length: 4 * HANDSHAKE_CONCURRENCY }, () => signInAs(t.database.db, 'seeker')),
    );
    const ended = people.slice(0, HANDSHAKE_CONCURRENCY);
    for (const who of ended) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/sign-out',
        headers: who.headers,
      });
      expect(res.statusCode).toBeLessThan(300);
    }
    const outcomes = await Promise.all(
      people.map((who) =>
        open(who).then(
          () => 'connected',
          (err: Error & { data?: { code?: string } }) => err.data?.code,
        ),
      ),
    );
    expect(outcomes.slice(0, HANDSHAKE_CONCURRENCY)).toEqual(ended.map(() => 'SESSION_EXPIRED'));
    expect(outcomes.slice(HANDSHAKE_CONCURRENCY)).toEqual(
      people.slice(HANDSHAKE_CONCURRENCY).map(() => 'connected'),
    );
  });
});
