import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../test/test-app.ts';
import { queryRows } from './platform/db/database.ts';
import { verifyPassword } from './platform/auth/passwords.ts';
import { isValidCreditCode, isValidIdNumber, checkPin } from '@hirehall/shared/validators';
import { accounts } from './modules/accounts/accounts.tables.ts';
import { findAccountIdByIdentifier } from './modules/accounts/accounts.repo.ts';
import { prepareFirstStart } from './first-start.ts';
import { DEMO_PASSWORD, DEMO_PIN, demo, findDemoIds } from './demo/demo-data.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function start(demoOn = true) {
  const out: string[] = [];
  await prepareFirstStart({
    config: { ...t.config, demo: demoOn },
    db: t.database.db,
    log: t.app.log,
    print: (text) => out.push(text),
  });
  return out.join('\n');
}

const count = async (table: string, where = 'true') => {
  const [row] = await queryRows<{ n: number }>(
    t.database.db,
    sql.raw(`select count(*)::int as n from ${table} where ${where}`),
  );
  return row!.n;
};

const signIn = (payload: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload });

describe('first start', () => {
  it('creates the admin once, with a one-time password printed once, and the demo data once', async () => {
    const first = await start();
    const match = /initial password: (\S+)/.exec(first);
    expect(match).not.toBeNull();
    const adminId = await findAccountIdByIdentifier(t.database.db, 'username', 'admin');
    const [admin] = await t.database.db.select().from(accounts).where(eq(accounts.id, adminId!));
    expect(admin!.role).toBe('admin');
    expect(admin!.mustChangePassword).toBe(true);
    expect(await verifyPassword(admin!.passwordHash, match![1]!)).toBe(true);
    expect(first).toContain('demo-school');

    const second = await start();
    expect(second).not.toContain('initial password');
    expect(second).toContain('demo-school');
    expect(await count('accounts', "role = 'admin'")).toBe(2); // admin + demo-admin
    expect(await count('organizations', `name = '${demo.school}'`)).toBe(1);
    expect(await count('job_fairs')).toBe(1);
  });

  it('loads the school, fair and four admitted employers of seed 001', async () => {
    const ids = (await findDemoIds(t.database.db))!;
    expect(Object.keys(ids.collegeIds).sort()).toEqual([...demo.colleges].sort());
    expect(ids.fairId).not.toBe('');
    expect(Object.keys(ids.employerIds)).toHaveLength(4);
    for (const e of demo.employers) expect(isValidCreditCode(e.creditCode)).toBe(true);
    expect(
      await count(
        'admissions',
        `status = 'approved' and school_id = '${ids.schoolId}' and graduation_year = ${ids.graduationYear}`,
      ),
    ).toBe(4);
    const [fair] = await queryRows<{ starts_at: Date; city: string; status: string }>(
      t.database.db,
      sql`select starts_at, city, status from job_fairs where id = ${ids.fairId}`,
    );
    expect(new Date(fair!.starts_at).toISOString()).toBe('2020-03-20T01:00:00.000Z');
    expect(fair).toMatchObject({ city: '上海市', status: 'published' });
    expect(await count('points_ledger', `organization_id = '${ids.institutionId}'`)).toBe(1);
    expect(isValidIdNumber(demo.seeker.idNumber)).toBe(true);
    expect(checkPin(DEMO_PIN, { idNumber: demo.seeker.idNumber }).ok).toBe(true);
  });

  it('lets every demo account sign in at once, without a password change', async () => {
    const ids = (await findDemoIds(t.database.db))!;
    const attempts = [
      { portal: 'staff', identifier: 'demo-admin', password: DEMO_PASSWORD },
      { portal: 'staff', identifier: 'demo-school', password: DEMO_PASSWORD },
      { portal: 'staff', identifier: 'demo-college', password: DEMO_PASSWORD },
      { portal: 'staff', identifier: 'demo-institution', password: DEMO_PASSWORD },
      { portal: 'employer', identifier: demo.employers[0].name, password: DEMO_PASSWORD },
      { portal: 'employer', identifier: demo.employers[3].creditCode, password: DEMO_PASSWORD },
      { portal: 'seeker', identifier: demo.seeker.idNumber, password: DEMO_PIN },
      {
        portal: 'graduate',
        identifier: demo.graduate.studentNumber,
        schoolId: ids.schoolId,
        password: DEMO_PASSWORD,
      },
      { portal: 'graduate', identifier: demo.graduate.phone, password: DEMO_PASSWORD },
      { portal: 'certified', identifier: demo.certified.phone, password: DEMO_PASSWORD },
    ];
    for (const body of attempts) {
      const res = await signIn(body);
      expect(res.statusCode, `${body.portal} ${body.identifier}: ${res.body}`).toBe(200);
      expect(res.json().account.mustChangePassword).toBe(false);
    }
  });

  it('does not load the demo into a database that already holds organizations', async () => {
    await t.database.db.execute(
      sql`update organizations set name = '改名学院' where name = ${demo.school}`,
    );
    await start();
    expect(await count('organizations', `name = '${demo.school}'`)).toBe(0);
    await t.database.db.execute(
      sql`update organizations set name = ${demo.school} where name = '改名学院'`,
    );
  });

  it('does nothing demo-related when HIREHALL_DEMO=0', async () => {
    const out = await start(false);
    expect(out).not.toContain('demo-school');
  });
});
