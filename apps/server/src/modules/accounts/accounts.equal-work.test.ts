import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { verify } from '@node-rs/argon2';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { queryRows } from '../../platform/db/database.ts';
import { createAccountWithPassword, signInRequest } from './accounts.test-helpers.ts';

/**
 * An unknown account and a wrong password must cost the same: both run one argon2
 * verification with the same parameters (the unknown one against a dummy hash). The real
 * argon2 `verify` is wrapped to count its calls and record the hash it checked against.
 */
vi.mock('@node-rs/argon2', async (importOriginal) => {
  const real = await importOriginal<typeof import('@node-rs/argon2')>();
  return { ...real, verify: vi.fn(real.verify) };
});
const verifySpy = vi.mocked(verify);

let t: TestApp;
let storedHash: string;
beforeAll(async () => {
  t = await createTestApp();
  await createAccountWithPassword(t.database.db, {
    role: 'employer',
    password: 'Hr2025abc',
    identifiers: [{ kind: 'org_name', value: '等时测试有限公司' }],
    organizationKind: 'company',
  });
  const [row] = await queryRows<{ h: string }>(
    t.database.db,
    sql`select a.password_hash as h from accounts a
      join sign_in_identifiers i on i.account_id = a.id where i.value = '等时测试有限公司'`,
  );
  storedHash = row!.h;
});
afterAll(() => t.close());
beforeEach(async () => {
  verifySpy.mockClear();
  await t.database.db.execute(sql`delete from rate_counters`);
});

/** argon2 parameters ($argon2id$v=19$m=…,t=…,p=…) that decide the cost of one verification. */
const costOf = (hash: string) => hash.split('$').slice(1, 4).join('$');

describe('unknown account and wrong password do the same work', () => {
  it('a wrong password runs one verification against the account hash', async () => {
    const res = await signInRequest(t.app, {
      portal: 'employer',
      identifier: '等时测试有限公司',
      password: 'wrong-password',
    });
    expect(res.statusCode).toBe(401);
    expect(verifySpy).toHaveBeenCalledTimes(1);
    expect(verifySpy.mock.calls[0]![0]).toBe(storedHash);
  });

  it('an unknown account runs one verification against a dummy hash of the same cost, and answers alike', async () => {
    const wrong = await signInRequest(t.app, {
      portal: 'employer',
      identifier: '等时测试有限公司',
      password: 'wrong-password',
    });
    await t.database.db.execute(sql`delete from rate_counters`);
    verifySpy.mockClear();
    const unknown = await signInRequest(t.app, {
      portal: 'employer',
      identifier: '并不存在的公司',
      password: 'wrong-password',
    });
    expect(verifySpy).toHaveBeenCalledTimes(1);
    const checkedAgainst = verifySpy.mock.calls[0]![0] as string;
    expect(checkedAgainst).not.toBe(storedHash);
    expect(costOf(checkedAgainst)).toBe(costOf(storedHash));
    expect(costOf(storedHash)).toMatch(/^argon2id\$v=19\$m=\d+,t=\d+,p=\d+$/);
    expect(unknown.statusCode).toBe(wrong.statusCode);
    expect(unknown.json()).toEqual(wrong.json());
  });

  it('an account of another role at this entry also verifies once and answers like a wrong password', async () => {
    await createAccountWithPassword(t.database.db, {
      role: 'school',
      password: 'Initial123',
      identifiers: [{ kind: 'org_name', value: '等时测试学院' }],
      organizationKind: 'school',
    });
    verifySpy.mockClear();
    const res = await signInRequest(t.app, {
      portal: 'employer',
      identifier: '等时测试学院',
      password: 'Initial123',
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('INVALID_CREDENTIALS');
    expect(verifySpy).toHaveBeenCalledTimes(1);
  });
});
