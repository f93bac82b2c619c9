import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { signInAs, type SignedIn } from '../../../test/fixtures.ts';
import { findAccountIdByIdentifier } from '../accounts/accounts.repo.ts';
import { organizations } from './organizations.tables.ts';
import { makeCreditCode, registerEmployerViaApi, uploadLicence } from './test-helpers.ts';

let t: TestApp;
let admin: SignedIn;
beforeAll(async () => {
  t = await createTestApp();
  admin = await signInAs(t.database.db, 'admin');
});
afterAll(() => t.close());

describe('company info', () => {
  it('saves basic fields at once', async () => {
    const e = await registerEmployerViaApi(t.app, t.database.db);
    const res = await t.app.inject({
      method: 'PATCH',
      url: '/api/employer/profile',
      headers: e.headers,
      payload: { address: '上海市嘉定区', industry: '互联网', website: 'https://example.cn' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ address: '上海市嘉定区', industry: '互联网' });
    // certification fields are not basic fields: ignored by the schema
    const sneaky = await t.app.inject({
      method: 'PATCH',
      url: '/api/employer/profile',
      headers: e.headers,
      payload: { name: '改名公司' },
    });
    expect(sneaky.json().name).toBe(e.name);
  });

  it('keeps the old certification values until the admin approves', async () => {
    const e = await registerEmployerViaApi(t.app, t.database.db);
    const upload = await uploadLicence(t.app, undefined, 'new.png', e.headers);
    const newCode = makeCreditCode();
    const requested = await t.app.inject({
      method: 'POST',
      url: '/api/employer/certification-changes',
      headers: e.headers,
      payload: {
        name: `${e.name}（新）`,
        creditCode: newCode,
        licenceFileId: upload.json().fileId,
      },
    });
    expect(requested.statusCode).toBe(201);
    expect(requested.json()).toMatchObject({ status: 'pending', current: { name: e.name } });

    const profile = await t.app.inject({
      method: 'GET',
      url: '/api/employer/profile',
      headers: e.headers,
    });
    expect(profile.json()).toMatchObject({ name: e.name, creditCode: e.creditCode });
    expect(profile.json().pendingCertification.creditCode).toBe(newCode);

    // a second request while one is pending conflicts
    const second = await t.app.inject({
      method: 'POST',
      url: '/api/employer/certification-changes',
      headers: e.headers,
      payload: { name: 'x公司', creditCode: makeCreditCode(), licenceFileId: upload.json().fileId },
    });
    expect(second.statusCode).toBe(409);

    const queue = await t.app.inject({
      method: 'GET',
      url: '/api/admin/certification-changes',
      headers: admin.headers,
    });
    const id = requested.json().id;
    expect(queue.json().map((c: { id: string }) => c.id)).toContain(id);

    const approved = await t.app.inject({
      method: 'POST',
      url: `/api/admin/certification-changes/${id}/approve`,
      headers: admin.headers,
    });
    expect(approved.statusCode).toBe(200);
    const [org] = await t.database.db
      .select()
      .from(organizations)
      .where(eq(organizations.id, e.organizationId));
    expect(org).toMatchObject({ name: `${e.name}（新）`, creditCode: newCode });
    expect(org!.licenceFileId).toBe(upload.json().fileId);
    // the sign-in names follow
    expect(await findAccountIdByIdentifier(t.database.db, 'credit_code', newCode)).toBe(
      e.accountId,
    );
    expect(await findAccountIdByIdentifier(t.database.db, 'credit_code', e.creditCode)).toBeNull();
    expect(await findAccountIdByIdentifier(t.database.db, 'org_name', `${e.name}（新）`)).toBe(
      e.accountId,
    );
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/admin/certification-changes/${id}/approve`,
      headers: admin.headers,
    });
    expect(again.statusCode).toBe(409);
  });

  it('a rejection keeps the old values and shows the reason', async () => {
    const e = await registerEmployerViaApi(t.app, t.database.db);
    const requested = await t.app.inject({
      method: 'POST',
      url: '/api/employer/certification-changes',
      headers: e.headers,
      payload: { name: '被驳回公司', creditCode: makeCreditCode(), licenceFileId: e.licenceFileId },
    });
    expect(requested.statusCode).toBe(201);
    const rejected = await t.app.inject({
      method: 'POST',
      url: `/api/admin/certification-changes/${requested.json().id}/reject`,
      headers: admin.headers,
      payload: { reason: '执照与名称不符' },
    });
    expect(rejected.statusCode).toBe(200);
    const profile = await t.app.inject({
      method: 'GET',
      url: '/api/employer/profile',
      headers: e.headers,
    });
    expect(profile.json()).toMatchObject({
      name: e.name,
      pendingCertification: null,
      lastCertificationDecision: { status: 'rejected', reason: '执照与名称不符' },
    });
  });

  it("refuses another employer's licence file", async () => {
    const a = await registerEmployerViaApi(t.app, t.database.db);
    const b = await registerEmployerViaApi(t.app, t.database.db);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/employer/certification-changes',
      headers: b.headers,
      payload: {
        name: '借用执照公司',
        creditCode: makeCreditCode(),
        licenceFileId: a.licenceFileId,
      },
    });
    expect(res.statusCode).toBe(400);
    const read = await t.app.inject({
      method: 'GET',
      url: `/api/files/${a.licenceFileId}`,
      headers: b.headers,
    });
    expect(read.statusCode).toBe(404);
  });
});
