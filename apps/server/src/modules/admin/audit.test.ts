import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { signInAs, type SignedIn } from '../../../test/fixtures.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { queryRows } from '../../platform/db/database.ts';
import { verifyAuditCommand } from '../../cli/verify-audit.ts';
import { tamperWithAuditLog } from '../../platform/audit/audit.test-helpers.ts';

let t: TestApp;
let admin: SignedIn;
beforeAll(async () => {
  t = await createTestApp({ HIREHALL_DISPATCHER: '0' });
  admin = await signInAs(t.database.db, 'admin');
  const db = t.database.db;
  await db.transaction(async (tx) => {
    await recordAudit(tx, {
      actorAccountId: admin.accountId,
      actorRole: 'admin',
      action: 'points.grant',
      targetType: 'organization',
      targetId: 'org-1',
      details: { zeta: 1, alpha: '二', nested: { b: 2, a: [1, 'x'] }, reason: '=cmd()' },
    });
    await recordAudit(tx, { action: 'resume.download', targetType: 'resume', targetId: 'r-1' });
    await recordAudit(tx, {
      action: 'contact.reveal',
      targetType: 'card',
      targetId: 'c-1',
      details: { points: 5 },
    });
  });
});
afterAll(() => t.close());

describe('audit log viewer', () => {
  it('filters by action prefix, target and date, newest first', async () => {
    const res = await t.app.inject({
      url: '/api/admin/audit-log?action=points.&targetId=org-1',
      headers: admin.headers,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().total).toBe(1);
    expect(res.json().items[0].details.alpha).toBe('二');
    const all = await t.app.inject({ url: '/api/admin/audit-log', headers: admin.headers });
    const ids = all.json().items.map((i: { id: number }) => i.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    const future = await t.app.inject({
      url: '/api/admin/audit-log?from=2999-01-01',
      headers: admin.headers,
    });
    expect(future.json().total).toBe(0);
  });

  it('exports CSV with a BOM, neutralizes formulas, and audits the export', async () => {
    const res = await t.app.inject({
      url: '/api/admin/audit-log/export.csv',
      headers: admin.headers,
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.body.charCodeAt(0)).toBe(0xfeff);
    expect(res.body).toContain('编号,时间,操作人');
    expect(res.body).toContain('resume.download');
    expect(res.body).not.toMatch(/(^|,)=cmd/m);
    const after = await t.app.inject({
      url: '/api/admin/audit-log?action=audit.export',
      headers: admin.headers,
    });
    expect(after.json().total).toBe(1);
  });

  it('is the platform admin’s alone', async () => {
    for (const role of ['school', 'college', 'employer', 'institution', 'seeker'] as const) {
      const who = await signInAs(t.database.db, role);
      for (const url of [
        '/api/admin/audit-log',
        '/api/admin/audit-log/export.csv',
        '/api/admin/audit-log/verify',
      ]) {
        const res = await t.app.inject({ url, headers: who.headers });
        expect(res.statusCode, `${role} ${url}`).toBe(403);
      }
    }
    expect((await t.app.inject({ url: '/api/admin/audit-log' })).statusCode).toBe(401);
  });
});

describe('audit chain verifier', () => {
  it('passes an intact chain and finds the tampered row', async () => {
    const intact = await verifyAuditCommand(t.database.db);
    expect(intact.ok).toBe(true);
    const route = await t.app.inject({
      url: '/api/admin/audit-log/verify',
      headers: admin.headers,
    });
    expect(route.json()).toMatchObject({ intact: true, brokenAt: null });

    const [row] = await queryRows<{ id: number }>(
      t.database.db,
      sql`select id from audit_log where action = 'resume.download'`,
    );
    await tamperWithAuditLog(
      t.database.db,
      sql`update audit_log set target_id = 'r-2' where id = ${row!.id}`,
    );
    const broken = await verifyAuditCommand(t.database.db);
    expect(broken.ok).toBe(false);
    expect(broken.message).toContain(`row id ${Number(row!.id)}`);
    const viaRoute = await t.app.inject({
      url: '/api/admin/audit-log/verify',
      headers: admin.headers,
    });
    expect(viaRoute.json()).toMatchObject({ intact: false, brokenAt: Number(row!.id) });

    // putting it back restores the chain; deleting a row breaks it at the next one
    await tamperWithAuditLog(
      t.database.db,
      sql`update audit_log set target_id = 'r-1' where id = ${row!.id}`,
    );
    expect((await verifyAuditCommand(t.database.db)).ok).toBe(true);
    await tamperWithAuditLog(t.database.db, sql`delete from audit_log where id = ${row!.id}`);
    const gap = await verifyAuditCommand(t.database.db);
    expect(gap.ok).toBe(false);
  });
});
