import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { createOrganization, signInAs, type SignedIn } from '../../../test/fixtures.ts';
import { hashPassword } from '../../platform/auth/passwords.ts';
import { insertAccount } from '../accounts/accounts.repo.ts';
import { memberships, organizations } from '../organizations/organizations.tables.ts';
import { organizationVerifications } from './admin.tables.ts';
import { sweepReverification } from './admin.reverification.ts';
import { runJobOnce } from './scheduled-jobs.ts';

let t: TestApp;
let admin: SignedIn;
beforeAll(async () => {
  t = await createTestApp({ HIREHALL_DISPATCHER: '0' });
  admin = await signInAs(t.database.db, 'admin');
});
afterAll(() => t.close());

const inject = (method: string, url: string, headers: Record<string, string>, payload?: object) =>
  t.app.inject({ method: method as 'GET', url, headers, payload });

describe('suspending an organization', () => {
  it('records the reason, tells the organization, and can be lifted', async () => {
    const employer = await signInAs(t.database.db, 'employer');
    const url = `/api/admin/organizations/${employer.organizationId}/suspension`;
    const noReason = await inject('POST', url, admin.headers, { reason: '' });
    expect(noReason.statusCode).toBe(400);
    const res = await inject('POST', url, admin.headers, { reason: '发布虚假招聘信息' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'suspended',
      suspension: { cause: 'admin', reason: '发布虚假招聘信息' },
    });
    expect((await inject('POST', url, admin.headers, { reason: '再次暂停' })).statusCode).toBe(409);
    const [event] = await t.database.db
      .execute(
        sql`select kind from outbox_events where ${employer.organizationId}::uuid = any(recipient_organization_ids)`,
      )
      .then((r) => (r as unknown as { rows: { kind: string }[] }).rows);
    expect(event?.kind).toBe('organization.suspended');
    // staff of a suspended employer still sign in and read
    const me = await inject('GET', '/api/auth/me', employer.headers);
    expect(me.statusCode).toBe(200);
    const lifted = await inject('DELETE', url, admin.headers);
    expect(lifted.json()).toMatchObject({ status: 'active', suspension: null });
    expect((await inject('DELETE', url, admin.headers)).statusCode).toBe(409);
  });

  it('answers 404 for an unknown organization and 403 to anyone but the admin', async () => {
    const ghost = '00000000-0000-4000-8000-000000000000';
    const res = await inject(
      'POST',
      `/api/admin/organizations/${ghost}/suspension`,
      admin.headers,
      {
        reason: '测试原因',
      },
    );
    expect(res.statusCode).toBe(404);
    const school = await signInAs(t.database.db, 'school');
    const org = await createOrganization(t.database.db, 'company');
    const denied = await inject(
      'POST',
      `/api/admin/organizations/${org.id}/suspension`,
      school.headers,
      {
        reason: '测试原因',
      },
    );
    expect(denied.statusCode).toBe(403);
  });
});

describe('suspending an account', () => {
  it('ends its sessions and refuses sign-in with ACCOUNT_DISABLED until lifted', async () => {
    const password = 'Abcdef123';
    const account = await insertAccount(t.database.db, {
      role: 'institution',
      displayName: '机构员工',
      passwordHash: await hashPassword(password),
      identifiers: [{ kind: 'username', value: 'INST-STAFF-1' }],
    });
    const org = await createOrganization(t.database.db, 'institution');
    await t.database.db
      .insert(memberships)
      .values({ accountId: account.id, organizationId: org.id });
    const signIn = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/auth/sign-in',
        payload: { portal: 'staff', identifier: 'inst-staff-1', password },
      });
    const first = await signIn();
    expect(first.statusCode).toBe(200);
    const cookie = first.cookies.map((c) => `${c.name}=${c.value}`).join('; ');

    const found = await inject('GET', '/api/admin/accounts?q=inst-staff', admin.headers);
    expect(found.json().map((a: { id: string }) => a.id)).toContain(account.id);

    const url = `/api/admin/accounts/${account.id}/suspension`;
    expect(
      (await inject('POST', url, admin.headers, { reason: '多次违规查看联系方式' })).statusCode,
    ).toBe(204);
    expect((await t.app.inject({ url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(401);
    const refused = await signIn();
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('ACCOUNT_DISABLED');

    expect((await inject('DELETE', url, admin.headers)).statusCode).toBe(204);
    expect((await signIn()).statusCode).toBe(200);
  });

  it('does not let the admin suspend themself', async () => {
    const res = await inject(
      'POST',
      `/api/admin/accounts/${admin.accountId}/suspension`,
      admin.headers,
      {
        reason: '测试原因',
      },
    );
    expect(res.statusCode).toBe(400);
  });
});

describe('points and organization info', () => {
  it('grants and deducts with a reason in the ledger, never below zero', async () => {
    const inst = await createOrganization(t.database.db, 'institution');
    const url = `/api/admin/organizations/${inst.id}/points`;
    const grant = await inject('POST', url, admin.headers, { delta: 100, reason: '年度会员赠送' });
    expect(grant.statusCode).toBe(200);
    expect(grant.json().balance).toBe(100);
    const over = await inject('POST', url, admin.headers, { delta: -101, reason: '误操作扣回' });
    expect(over.statusCode).toBe(409);
    expect(over.json().error.code).toBe('INSUFFICIENT_POINTS');
    const deduct = await inject('POST', url, admin.headers, { delta: -30, reason: '误操作扣回' });
    expect(deduct.json().balance).toBe(70);
    expect(deduct.json().entries.map((e: { reason: string }) => e.reason)).toEqual([
      '误操作扣回',
      '年度会员赠送',
    ]);
    expect((await inject('POST', url, admin.headers, { delta: 0, reason: '无' })).statusCode).toBe(
      400,
    );
    const school = await createOrganization(t.database.db, 'school');
    const toSchool = await inject(
      'POST',
      `/api/admin/organizations/${school.id}/points`,
      admin.headers,
      {
        delta: 5,
        reason: '测试原因',
      },
    );
    expect(toSchool.statusCode).toBe(400);
    const inst2 = await signInAs(t.database.db, 'institution', { organizationId: inst.id });
    expect(
      (await inject('POST', url, inst2.headers, { delta: 5, reason: '自己加点' })).statusCode,
    ).toBe(403);
  });

  it('edits contact, phone, email, address and introduction', async () => {
    const inst = await createOrganization(t.database.db, 'institution');
    const url = `/api/admin/organizations/${inst.id}/info`;
    const bad = await inject('PATCH', url, admin.headers, { contactPhone: '12345' });
    expect(bad.statusCode).toBe(400);
    const res = await inject('PATCH', url, admin.headers, {
      contactName: '王老师',
      contactPhone: '021-62345678',
      contactEmail: 'hr@example.cn',
      address: '上海市徐汇区漕溪北路1号',
      introduction: '质量管理体系认证机构',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ contactName: '王老师', contactPhone: '021-62345678' });
    const audit = await inject(
      'GET',
      `/api/admin/audit-log?action=organization.edit_info&targetId=${inst.id}`,
      admin.headers,
    );
    expect(audit.json().items[0].details.fields).toContain('contactEmail');
  });
});

describe('employer re-verification every 6 months', () => {
  it('reminds at the lapse, suspends 14 days later, and lifts on confirmation', async () => {
    const employer = await signInAs(t.database.db, 'employer');
    const orgId = employer.organizationId!;
    await t.database.db
      .update(organizations)
      .set({ createdAt: new Date(Date.now() - 200 * 86_400_000) })
      .where(eq(organizations.id, orgId));
    const status = await inject('GET', '/api/org/verification', employer.headers);
    expect(status.json().state).toBe('due');

    const now = new Date();
    const first = await t.database.db.transaction((tx) => sweepReverification(tx, now));
    expect(first.reminded).toBeGreaterThanOrEqual(1);
    const again = await t.database.db.transaction((tx) => sweepReverification(tx, now));
    expect(again.reminded).toBe(0);
    expect(again.suspended).toBe(0);

    const later = new Date(now.getTime() + 15 * 86_400_000);
    const second = await t.database.db.transaction((tx) => sweepReverification(tx, later));
    expect(second.suspended).toBeGreaterThanOrEqual(1);
    const [org] = await t.database.db
      .select()
      .from(organizations)
      .where(eq(organizations.id, orgId));
    expect(org!.status).toBe('suspended');
    expect((await inject('GET', '/api/org/verification', employer.headers)).json().state).toBe(
      'suspended',
    );

    const confirmed = await inject('POST', '/api/org/verification/confirm', employer.headers);
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json().state).toBe('current');
    const [after] = await t.database.db
      .select()
      .from(organizations)
      .where(eq(organizations.id, orgId));
    expect(after!.status).toBe('active');
    const [v] = await t.database.db
      .select()
      .from(organizationVerifications)
      .where(eq(organizationVerifications.organizationId, orgId));
    expect(v!.remindedAt).toBeNull();
  });

  it('does not lift an admin suspension on confirmation', async () => {
    const employer = await signInAs(t.database.db, 'employer');
    await inject(
      'POST',
      `/api/admin/organizations/${employer.organizationId}/suspension`,
      admin.headers,
      {
        reason: '涉嫌违规收费',
      },
    );
    await inject('POST', '/api/org/verification/confirm', employer.headers);
    const info = await inject(
      'GET',
      `/api/admin/organizations/${employer.organizationId}/info`,
      admin.headers,
    );
    expect(info.json().status).toBe('suspended');
  });

  it('runs the job in one process at a time', async () => {
    const results = await Promise.all([
      runJobOnce(t.database.db, 'reverification', (tx) => sweepReverification(tx)),
      runJobOnce(t.database.db, 'reverification', (tx) => sweepReverification(tx)),
    ]);
    expect(results.filter((r) => r !== null).length).toBeGreaterThanOrEqual(1);
  });
});
