import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { createAccountWithPassword, signInRequest } from './accounts.test-helpers.ts';

/** Served at an https address, the session cookies are Secure without further settings. */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ HIREHALL_PUBLIC_URL: 'https://job.example.cn' });
});
afterAll(() => t.close());

describe('session cookies behind https', () => {
  it('sign-in sets hh_session and hh_csrf with Secure', async () => {
    await createAccountWithPassword(t.database.db, {
      role: 'school',
      password: 'Initial123',
      identifiers: [{ kind: 'username', value: 'secure-cookie' }],
      organizationKind: 'school',
    });
    const res = await signInRequest(t.app, {
      portal: 'staff',
      identifier: 'secure-cookie',
      password: 'Initial123',
    });
    expect(res.statusCode).toBe(200);
    const cookies = res.cookies as { name: string; secure?: boolean; httpOnly?: boolean }[];
    expect(cookies.find((c) => c.name === 'hh_session')).toMatchObject({
      secure: true,
      httpOnly: true,
    });
    expect(cookies.find((c) => c.name === 'hh_csrf')).toMatchObject({ secure: true });
  });
});
