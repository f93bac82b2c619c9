import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { createOrganization, signInAs, type SignedIn } from '../../../test/fixtures.ts';
import { hashPassword } from '../../platform/auth/passwords.ts';
import { insertAccount } from '../accounts/accounts.repo.ts';
import { memberships, organizations, pointsLedger } from '../organizations/organizations.tables.ts';
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

  it('pages the ledger by page and pageSize, newest first, past the old 500-row cut', async () => {
    const inst = await createOrganization(t.database.db, 'institution');
    const other = await createOrganization(t.database.db, 'institution');
    // 505 entries (第1笔 oldest … 第505笔 newest), one in another organization
    await t.database.db.insert(pointsLedger).values(
      Array.from({ length: 505 }, (_, i) => ({
        organizationId: inst.id,
        delta: 1,
        reason: `第${i + 1}笔`,
        reference: null,
      })),
    );
    await t.database.db
      .insert(pointsLedger)
      .values({ organizationId: other.id, delta: 9, reason: '别家', reference: null });
    const url = `/api/admin/organizations/${inst.id}/points`;
    type Page = { balance: number; entries: { id: number; reason: string }[] } & Record<
      'total' | 'page' | 'pageSize',
      number
    >;
    const get = async (query = '') => {
      const res = await inject('GET', `${url}${query}`, admin.headers);
      expect(res.statusCode, query).toBe(200);
      return res.json() as Page;
    };

    const first = await get();
    expect(first).toMatchObject({ balance: 505, total: 505, page: 1, pageSize: 20 });
    expect(first.entries).toHaveLength(20);
    expect(first.entries[0]!.reason).toBe('第505笔');
    expect(first.entries[19]!.reason).toBe('第486笔');
    // the oldest entries, beyond the first 500, are reachable
    const last = await get('?page=6&pageSize=100');
    expect(last).toMatchObject({ total: 505, page: 6, pageSize: 100 });
    expect(last.entries.map((e) => e.reason)).toEqual([
      '第5笔',
      '第4笔',
      '第3笔',
      '第2笔',
      '第1笔',
    ]);
    expect((await get('?page=7&pageSize=100')).entries).toEqual([]);
    // walking the pages visits every entry once, newest first
    const ids: number[] = [];
    for (let page = 1; page <= 6; page++) {
      ids.push(...(await get(`?page=${page}&pageSize=100`)).entries.map((e) => e.id));
    }
    expect(ids).toHaveLength(505);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(await get(`?page=1&pageSize=5`).then((p) => p.entries.map((e) => e.id))).toEqual(
      ids.slice(0, 5),
    );

    // the page and its size are validated
    for (const query of ['?page=0', '?page=-1', '?page=x', '?pageSize=0', '?pageSize=101']) {
      const bad = await inject('GET', `${url}${query}`, admin.headers);
      expect(bad.statusCode, query).toBe(400);
      expect(bad.json().error.code, query).toBe('VALIDATION_FAILED');
    }
    // an adjustment answers with the first page, its entry on top
    const adjusted = await inject('POST', url, admin.headers, {
      delta: 10,
      reason: '年度会员赠送',
    });
    expect(adjusted.json()).toMatchObject({ balance: 515, total: 506, page: 1, pageSize: 20 });
    expect(adjusted.json().entries[0].reason).toBe('年度会员赠送');
    expect(adjusted.json().entries).toHaveLength(20);
    // another organization's ledger is its own; only the admin reads it
    const theirs = (
      await inject('GET', `/api/admin/organizations/${other.id}/points`, admin.headers)
    ).json();
    expect(theirs).toMatchObject({ balance: 9, total: 1 });
    const member = await signInAs(t.database.db, 'institution', { organizationId: inst.id });
    expect((await inject('GET', url, member.headers)).statusCode).toBe(403);
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect(
      (await inject('GET', `/api/admin/organizations/${unknown}/points`, admin.headers)).statusCode,
    ).toBe(404);
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
