import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { signInAs, type SignedIn } from '../../../test/fixtures.ts';
import { queryRows } from '../db/database.ts';
import { verifyAuditCommand } from '../../cli/verify-audit.ts';
import {
  createAccountWithPassword,
  signInRequest,
} from '../../modules/accounts/accounts.test-helpers.ts';
import { checkAuditLog, recordAudit } from './audit.ts';
import { tamperWithAuditLog } from './audit.test-helpers.ts';

let t: TestApp;
let admin: SignedIn;
beforeAll(async () => {
  t = await createTestApp({ HIREHALL_DISPATCHER: '0' });
  admin = await signInAs(t.database.db, 'admin');
});
afterAll(() => t.close());

const record = (action: string) =>
  t.database.db.transaction((tx) => recordAudit(tx, { action, targetType: 'test' }));

/** The database's error message for a statement, or null when it succeeded. */
async function refusal(statement: ReturnType<typeof sql>): Promise<string | null> {
  try {
    await t.database.db.execute(statement);
    return null;
  } catch (err) {
    const e = err as { message: string; cause?: { message?: string } };
    return `${e.message} ${e.cause?.message ?? ''}`;
  }
}

const verifyRoute = async () =>
  (await t.app.inject({ url: '/api/admin/audit-log/verify', headers: admin.headers })).json();

describe('audit log is append-only in the database', () => {
  it('refuses UPDATE, DELETE and TRUNCATE of audit_log, and any direct change of its head', async () => {
    await record('test.first');
    const before = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from audit_log`,
    );
    expect(await refusal(sql`update audit_log set action = 'x'`)).toMatch(
      /append-only: UPDATE refused/,
    );
    expect(await refusal(sql`delete from audit_log where action = 'test.first'`)).toMatch(
      /append-only: DELETE refused/,
    );
    expect(await refusal(sql`truncate audit_log`)).toMatch(/append-only: TRUNCATE refused/);
    expect(await refusal(sql`update audit_head set row_count = 0`)).toMatch(/UPDATE refused/);
    expect(await refusal(sql`delete from audit_head`)).toMatch(/DELETE refused/);
    const after = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from audit_log`,
    );
    expect(after[0]!.n).toBe(before[0]!.n);
    expect((await checkAuditLog(t.database.db)).brokenAt).toBeNull();
  });

  it('a successful sign-in writes auth.signed_in (who, from where), a failed one auth.sign_in_failed', async () => {
    const account = await createAccountWithPassword(t.database.db, {
      role: 'school',
      password: 'Initial123',
      identifiers: [{ kind: 'username', value: 'audit-signin' }],
      organizationKind: 'school',
    });
    const ok = await signInRequest(t.app, {
      portal: 'staff',
      identifier: 'audit-signin',
      password: 'Initial123',
    });
    expect(ok.statusCode).toBe(200);
    const rows = await queryRows<{
      actor_account_id: string;
      actor_role: string;
      target_id: string;
      ip: string | null;
      details: { portal: string };
    }>(
      t.database.db,
      sql`select actor_account_id, actor_role, target_id, ip, details from audit_log
          where action = 'auth.signed_in' and target_id = ${account.id}`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      actor_account_id: account.id,
      actor_role: 'school',
      details: { portal: 'staff' },
    });
    expect(rows[0]!.ip).toBeTruthy();

    const bad = await signInRequest(t.app, {
      portal: 'staff',
      identifier: 'audit-signin',
      password: 'Wrong12345',
    });
    expect(bad.statusCode).toBe(401);
    const failed = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from audit_log
          where action = 'auth.sign_in_failed' and target_id = ${account.id}`,
    );
    expect(failed[0]!.n).toBe(1);
    await t.database.db.execute(sql`delete from rate_counters`);
  });
});

describe('tamper evidence for the newest rows', () => {
  it('the verifier (CLI and route) notices the newest rows deleted, and the next row keeps showing it', async () => {
    await record('test.a');
    await record('test.b');
    await record('test.c');
    expect((await verifyAuditCommand(t.database.db)).ok).toBe(true);
    expect(await verifyRoute()).toMatchObject({ intact: true, brokenAt: null });

    const [newest] = await queryRows<{ id: number }>(
      t.database.db,
      sql`select id from audit_log order by id desc limit 1`,
    );
    // a superuser who bypasses the triggers removes the two newest rows: the chain that is left
    // is internally consistent, only the head gives it away
    await tamperWithAuditLog(
      t.database.db,
      sql`delete from audit_log where action in ('test.b', 'test.c')`,
    );
    const cli = await verifyAuditCommand(t.database.db);
    expect(cli.ok).toBe(false);
    expect(cli.message).toContain(`row id ${Number(newest!.id)}`);
    expect(cli.message).toContain('newest audit rows missing');
    expect(await verifyRoute()).toMatchObject({ intact: false, brokenAt: Number(newest!.id) });

    // a later legitimate row links to the head's hash, so the gap stays visible at that row
    await record('test.d');
    const check = await checkAuditLog(t.database.db);
    const [d] = await queryRows<{ id: number }>(
      t.database.db,
      sql`select id from audit_log where action = 'test.d'`,
    );
    expect(check).toMatchObject({ problem: 'chain', brokenAt: Number(d!.id) });
  });
});
