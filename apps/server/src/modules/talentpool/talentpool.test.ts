import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { signInAs, type SignedIn } from '../../../test/fixtures.ts';
import { pointsLedger } from '../organizations/organizations.tables.ts';
import { grantPoints } from '../applications/applications.fixtures.ts';
import { consents } from '../privacy/privacy.tables.ts';
import { contactReveals, talentCards } from './talentpool.tables.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const call = (
  who: SignedIn | null,
  method: 'GET' | 'PUT' | 'POST' | 'DELETE',
  url: string,
  body?: unknown,
) => t.app.inject({ method, url, headers: who?.headers ?? {}, payload: body as object });

/** A seeker with a filled resume and a pooled card. */
async function pooledSeeker(basic: { name: string; city: string; phone: string }, extra = {}) {
  const s = await signInAs(t.database.db, 'seeker');
  const resume = (await call(s, 'GET', '/api/resume')).json();
  await call(s, 'PUT', '/api/resume', {
    version: resume.version,
    content: {
      ...resume.content,
      basic: {
        ...resume.content.basic,
        ...basic,
        birthDate: '1990-05-01',
        email: 'zhang@example.com',
      },
      certificationDomains: ['QMS', 'EMS'],
      positionLevel: '高级审核员',
      intention: { ...resume.content.intention, jobTitles: ['审核员'] },
      ...extra,
    },
  });
  const pushed = await call(s, 'POST', '/api/talent-card/push');
  expect(pushed.statusCode).toBe(200);
  return { seeker: s, cardId: pushed.json().id as string };
}

async function balanceOf(organizationId: string) {
  const rows = await t.database.db
    .select()
    .from(pointsLedger)
    .where(eq(pointsLedger.organizationId, organizationId));
  return rows.reduce((sum, r) => sum + r.delta, 0);
}

describe('my card', () => {
  it('is built from the resume, pushed, withdrawn and pushed again', async () => {
    const { seeker, cardId } = await pooledSeeker({
      name: '王五',
      city: '成都市',
      phone: '13912345678',
    });
    const card = (await call(seeker, 'GET', '/api/talent-card')).json();
    expect(card).toMatchObject({
      id: cardId,
      status: 'pooled',
      name: '王五',
      city: '成都市',
      phone: '13912345678',
      certificationDomains: ['QMS', 'EMS'],
      positionLevel: '高级审核员',
      intention: '审核员',
    });
    expect(card.age).toBeGreaterThan(30);
    expect((await call(seeker, 'POST', '/api/talent-card/push')).statusCode).toBe(409);
    const withdrawn = await call(seeker, 'POST', '/api/talent-card/withdraw');
    expect(withdrawn.json().status).toBe('withdrawn');
    expect((await call(seeker, 'POST', '/api/talent-card/withdraw')).statusCode).toBe(409);
    expect((await call(seeker, 'POST', '/api/talent-card/push')).json().status).toBe('pooled');
  });

  it('shares by link with or without the contact', async () => {
    const { seeker } = await pooledSeeker({ name: '赵六', city: '西安市', phone: '13712345678' });
    const hidden = (
      await call(seeker, 'POST', '/api/talent-card/shares', { showContact: false })
    ).json();
    const shown = (
      await call(seeker, 'POST', '/api/talent-card/shares', { showContact: true })
    ).json();
    const a = (await call(null, 'GET', `/api/public/cards/${hidden.token}`)).json();
    expect(a).toMatchObject({ name: '赵六', phone: '137****5678', contactVisible: false });
    const b = (await call(null, 'GET', `/api/public/cards/${shown.token}`)).json();
    expect(b).toMatchObject({
      phone: '13712345678',
      email: 'zhang@example.com',
      contactVisible: true,
    });
    // sharing with the contacts is a consent of its own; withdrawing it masks the link
    const given = (await call(seeker, 'GET', '/api/privacy/consents')).json();
    const shareConsent = given.find((c: { reference: string | null }) => c.reference !== null);
    expect(shareConsent).toMatchObject({
      purpose: 'contact_reveal',
      reference: `card-share:${a.id}`,
    });
    expect(given).toHaveLength(2); // the push (standing) and the share with contacts
    await call(seeker, 'DELETE', `/api/privacy/consents/${shareConsent.id}`);
    const masked = (await call(null, 'GET', `/api/public/cards/${shown.token}`)).json();
    expect(masked).toMatchObject({ phone: '137****5678', contactVisible: false });
    await call(seeker, 'POST', '/api/talent-card/shares', { showContact: true });
    expect((await call(null, 'GET', `/api/public/cards/${shown.token}`)).json().phone).toBe(
      '13712345678',
    );
    expect(
      (await call(seeker, 'DELETE', `/api/talent-card/shares/${shown.token}`)).statusCode,
    ).toBe(204);
    expect((await call(null, 'GET', `/api/public/cards/${shown.token}`)).statusCode).toBe(404);
    expect((await call(null, 'GET', '/api/public/cards/nope')).statusCode).toBe(404);
  });
});

describe('the talent pool', () => {
  it('lists pooled cards with masked contacts, filters and pages; withdrawn cards vanish', async () => {
    const institution = await signInAs(t.database.db, 'institution');
    const a = await pooledSeeker({ name: '甲', city: '南昌市', phone: '13800001111' });
    await pooledSeeker(
      { name: '乙', city: '南昌市', phone: '13800002222' },
      { positionLevel: '审核员' },
    );
    await pooledSeeker(
      { name: '丙', city: '兰州市', phone: '13800003333' },
      { certificationDomains: ['OHSMS'] },
    );

    const nanchang = (
      await call(institution, 'GET', `/api/talent-pool?region=${encodeURIComponent('南昌')}`)
    ).json();
    expect(nanchang.total).toBe(2);
    expect(nanchang.items.every((c: { phone: string }) => /^138\*{4}\d{4}$/.test(c.phone))).toBe(
      true,
    );
    expect(JSON.stringify(nanchang)).not.toContain('13800001111');

    const level = (
      await call(
        institution,
        'GET',
        `/api/talent-pool?positionLevel=${encodeURIComponent('审核员')}`,
      )
    ).json();
    expect(level.items.map((c: { name: string }) => c.name)).toEqual(['乙']);
    const domain = (
      await call(institution, 'GET', '/api/talent-pool?certificationDomain=OHSMS')
    ).json();
    expect(domain.items.map((c: { name: string }) => c.name)).toEqual(['丙']);
    const paged = (await call(institution, 'GET', '/api/talent-pool?pageSize=1&page=2')).json();
    expect(paged.items).toHaveLength(1);
    expect(paged.total).toBeGreaterThanOrEqual(3);

    await call(a.seeker, 'POST', '/api/talent-card/withdraw');
    const after = (
      await call(institution, 'GET', `/api/talent-pool?region=${encodeURIComponent('南昌')}`)
    ).json();
    expect(after.items.map((c: { name: string }) => c.name)).toEqual(['乙']);
    expect((await call(institution, 'GET', `/api/talent-pool/${a.cardId}`)).statusCode).toBe(404);
  });

  it('is closed to seekers and to the public', async () => {
    const s = await signInAs(t.database.db, 'seeker');
    expect((await call(s, 'GET', '/api/talent-pool')).statusCode).toBe(403);
    expect((await call(null, 'GET', '/api/talent-pool')).statusCode).toBe(401);
  });

  it('records views (人才查看记录)', async () => {
    const institution = await signInAs(t.database.db, 'institution');
    const { cardId } = await pooledSeeker({ name: '丁', city: '北京市', phone: '13600001111' });
    expect((await call(institution, 'GET', `/api/talent-pool/${cardId}`)).json().phone).toBe(
      '136****1111',
    );
    await call(institution, 'GET', `/api/talent-pool/${cardId}`);
    const views = (await call(institution, 'GET', '/api/talent-pool/views')).json();
    expect(views).toMatchObject({ total: 1, page: 1, pageSize: 20 });
    expect(views.items[0]).toMatchObject({ viewCount: 2, card: { id: cardId, name: '丁' } });
    const other = await signInAs(t.database.db, 'institution');
    expect((await call(other, 'GET', '/api/talent-pool/views')).json()).toMatchObject({
      items: [],
      total: 0,
    });
  });

  it('pages the view records, newest first, with the total', async () => {
    const institution = await signInAs(t.database.db, 'institution');
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const { cardId } = await pooledSeeker({
        name: `翻${i}`,
        city: '北京市',
        phone: '13600002222',
      });
      ids.push(cardId);
      await call(institution, 'GET', `/api/talent-pool/${cardId}`);
    }
    const page = async (n: number) =>
      (await call(institution, 'GET', `/api/talent-pool/views?page=${n}&pageSize=2`)).json();
    const [p1, p2, p3] = [await page(1), await page(2), await page(3)];
    expect([p1.total, p2.total, p3.total]).toEqual([5, 5, 5]);
    const seen = [...p1.items, ...p2.items, ...p3.items].map(
      (r: { card: { id: string } }) => r.card.id,
    );
    expect(seen).toEqual([...ids].reverse());
    expect((await page(4)).items).toEqual([]);
    expect((await call(institution, 'GET', '/api/talent-pool/views?pageSize=101')).statusCode).toBe(
      400,
    );
  });
});

describe('contact reveal', () => {
  it('debits the ledger once; revealing again is free', async () => {
    const institution = await signInAs(t.database.db, 'institution');
    await grantPoints(t.database.db, institution.organizationId!, 25);
    const { cardId } = await pooledSeeker({ name: '戊', city: '成都市', phone: '13500001111' });
    const first = await call(institution, 'POST', `/api/talent-pool/${cardId}/reveal`);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({
      charged: 10,
      balance: 15,
      card: { phone: '13500001111', revealed: true },
    });
    const second = (await call(institution, 'POST', `/api/talent-pool/${cardId}/reveal`)).json();
    expect(second).toMatchObject({ charged: 0, balance: 15 });
    expect(await balanceOf(institution.organizationId!)).toBe(15);
    expect((await call(institution, 'GET', `/api/talent-pool/${cardId}`)).json().phone).toBe(
      '13500001111',
    );
    const pool = (
      await call(institution, 'GET', `/api/talent-pool?region=${encodeURIComponent('成都')}`)
    ).json();
    expect(pool.items.find((c: { id: string }) => c.id === cardId)).toMatchObject({
      revealed: true,
    });

    const ledger = (await call(institution, 'GET', '/api/points')).json();
    expect(ledger.balance).toBe(15);
    expect(ledger.revealCost).toBe(10);
    expect(
      ledger.entries.map((e: { delta: number; reason: string }) => [e.delta, e.reason]),
    ).toEqual([
      [-10, 'contact_reveal'],
      [25, 'grant'],
    ]);
  });

  it('pages the points ledger by cursor, newest first, every entry once', async () => {
    const institution = await signInAs(t.database.db, 'institution');
    for (let i = 1; i <= 7; i++) await grantPoints(t.database.db, institution.organizationId!, i);
    const first = (await call(institution, 'GET', '/api/points?limit=3')).json();
    expect(first.balance).toBe(28);
    expect(first.entries.map((e: { delta: number }) => e.delta)).toEqual([7, 6, 5]);
    expect(first.nextCursor).toBe(first.entries[2].id);
    const second = (
      await call(institution, 'GET', `/api/points?limit=3&before=${first.nextCursor}`)
    ).json();
    expect(second.entries.map((e: { delta: number }) => e.delta)).toEqual([4, 3, 2]);
    const last = (
      await call(institution, 'GET', `/api/points?limit=3&before=${second.nextCursor}`)
    ).json();
    expect(last.entries.map((e: { delta: number }) => e.delta)).toEqual([1]);
    expect(last.nextCursor).toBeNull();
    // exactly one full page: no further cursor
    const exact = (await call(institution, 'GET', '/api/points?limit=7')).json();
    expect(exact.entries).toHaveLength(7);
    expect(exact.nextCursor).toBeNull();
    // a cursor never reaches another organization's entries
    const other = await signInAs(t.database.db, 'institution');
    await grantPoints(t.database.db, other.organizationId!, 50);
    expect(
      (await call(other, 'GET', `/api/points?before=${Number.MAX_SAFE_INTEGER}`)).json().entries,
    ).toHaveLength(1);
    expect((await call(institution, 'GET', '/api/points?limit=0')).statusCode).toBe(400);
  });

  it('needs the owner’s consent: pushing gives it, withdrawing it stops new reveals', async () => {
    const institution = await signInAs(t.database.db, 'institution');
    await grantPoints(t.database.db, institution.organizationId!, 100);
    const { seeker, cardId } = await pooledSeeker({
      name: '壬',
      city: '成都市',
      phone: '13500005555',
    });
    // pushing recorded one standing consent for contact reveal (pushing again keeps it one)
    await call(seeker, 'POST', '/api/talent-card/withdraw');
    await call(seeker, 'POST', '/api/talent-card/push');
    const list = (await call(seeker, 'GET', '/api/privacy/consents')).json();
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({
      purpose: 'contact_reveal',
      organizationId: null,
      reference: null,
      withdrawnAt: null,
    });
    expect(list[0].statement).toContain('查看我的联系方式');
    const early = await signInAs(t.database.db, 'institution');
    await grantPoints(t.database.db, early.organizationId!, 10);
    expect((await call(early, 'POST', `/api/talent-pool/${cardId}/reveal`)).statusCode).toBe(200);

    const withdrawn = await call(seeker, 'DELETE', `/api/privacy/consents/${list[0].id}`);
    expect(withdrawn.statusCode).toBe(200);
    const refused = await call(institution, 'POST', `/api/talent-pool/${cardId}/reveal`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('CONSENT_REQUIRED');
    expect(refused.json().error.message).toContain('尚未同意向机构提供联系方式');
    expect(await balanceOf(institution.organizationId!)).toBe(100);
    const viewed = (await call(institution, 'GET', `/api/talent-pool/${cardId}`)).json();
    expect(viewed).toMatchObject({ phone: '135****5555', revealed: false });
    // what was revealed before the withdrawal stays revealed to that organization, for free
    const again = await call(early, 'POST', `/api/talent-pool/${cardId}/reveal`);
    expect(again.json()).toMatchObject({ charged: 0, card: { phone: '13500005555' } });

    // pushing again (withdraw, push) is a new consent
    await call(seeker, 'POST', '/api/talent-card/withdraw');
    await call(seeker, 'POST', '/api/talent-card/push');
    expect((await call(institution, 'POST', `/api/talent-pool/${cardId}/reveal`)).statusCode).toBe(
      200,
    );
  });

  it('refuses a pooled card whose owner never consented', async () => {
    const institution = await signInAs(t.database.db, 'institution');
    await grantPoints(t.database.db, institution.organizationId!, 100);
    const { seeker, cardId } = await pooledSeeker({
      name: '癸',
      city: '成都市',
      phone: '13500006666',
    });
    // a card pooled without going through push (e.g. before consents were recorded)
    await t.database.db.delete(consents).where(eq(consents.accountId, seeker.accountId));
    const [card] = await t.database.db.select().from(talentCards).where(eq(talentCards.id, cardId));
    expect(card!.status).toBe('pooled');
    const res = await call(institution, 'POST', `/api/talent-pool/${cardId}/reveal`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('CONSENT_REQUIRED');
    const reveals = await t.database.db
      .select()
      .from(contactReveals)
      .where(eq(contactReveals.cardId, cardId));
    expect(reveals).toHaveLength(0);
  });

  it('refuses with INSUFFICIENT_POINTS and debits nothing', async () => {
    const institution = await signInAs(t.database.db, 'institution');
    await grantPoints(t.database.db, institution.organizationId!, 9);
    const { cardId } = await pooledSeeker({ name: '己', city: '成都市', phone: '13500002222' });
    const res = await call(institution, 'POST', `/api/talent-pool/${cardId}/reveal`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({
      code: 'INSUFFICIENT_POINTS',
      details: { balance: 9, cost: 10 },
    });
    expect(res.json().error.message).toContain('会员点数不足');
    expect(await balanceOf(institution.organizationId!)).toBe(9);
    const reveals = await t.database.db
      .select()
      .from(contactReveals)
      .where(eq(contactReveals.cardId, cardId));
    expect(reveals).toHaveLength(0);
  });

  it('never debits twice for concurrent reveals of one card', async () => {
    const institution = await signInAs(t.database.db, 'institution');
    await grantPoints(t.database.db, institution.organizationId!, 100);
    const { cardId } = await pooledSeeker({ name: '庚', city: '成都市', phone: '13500003333' });
    const results = await Promise.all(
      Array.from({ length: 12 }, () =>
        call(institution, 'POST', `/api/talent-pool/${cardId}/reveal`),
      ),
    );
    expect(results.every((r) => r.statusCode === 200)).toBe(true);
    expect(results.reduce((n, r) => n + r.json().charged, 0)).toBe(10);
    expect(await balanceOf(institution.organizationId!)).toBe(90);
  });

  it('never overdraws when concurrent reveals of different cards exceed the balance', async () => {
    const institution = await signInAs(t.database.db, 'institution');
    await grantPoints(t.database.db, institution.organizationId!, 30);
    const cards = [];
    for (let i = 0; i < 5; i++) {
      cards.push(
        (await pooledSeeker({ name: `辛${i}`, city: '成都市', phone: `1350000444${i}` })).cardId,
      );
    }
    const results = await Promise.all(
      cards.map((id) => call(institution, 'POST', `/api/talent-pool/${id}/reveal`)),
    );
    expect(results.filter((r) => r.statusCode === 200)).toHaveLength(3);
    expect(results.filter((r) => r.json().error?.code === 'INSUFFICIENT_POINTS')).toHaveLength(2);
    expect(await balanceOf(institution.organizationId!)).toBe(0);
  });
});

describe('a deployment with another reveal price (HIREHALL_REVEAL_POINTS=3), employer role', () => {
  let d: TestApp;
  beforeAll(async () => {
    d = await createTestApp({ HIREHALL_REVEAL_POINTS: '3' });
  });
  afterAll(() => d.close());
  const on = (who: SignedIn, method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown) =>
    d.app.inject({ method, url, headers: who.headers, payload: body as object });

  it('lets an employer search the pool and reveal for the configured price, once', async () => {
    const s = await signInAs(d.database.db, 'seeker');
    const resume = (await on(s, 'GET', '/api/resume')).json();
    await on(s, 'PUT', '/api/resume', {
      version: resume.version,
      content: {
        ...resume.content,
        basic: { ...resume.content.basic, name: '子', city: '杭州市', phone: '13700007777' },
        certificationDomains: ['QMS'],
      },
    });
    const cardId = (await on(s, 'POST', '/api/talent-card/push')).json().id as string;

    const employer = await signInAs(d.database.db, 'employer');
    const pool = (
      await on(employer, 'GET', `/api/talent-pool?region=${encodeURIComponent('杭州')}`)
    ).json();
    expect(pool.items.map((c: { id: string }) => c.id)).toEqual([cardId]);
    expect(pool.items[0]).toMatchObject({ phone: '137****7777', revealed: false });

    await grantPoints(d.database.db, employer.organizationId!, 5);
    expect((await on(employer, 'GET', '/api/points')).json().revealCost).toBe(3);
    const first = await on(employer, 'POST', `/api/talent-pool/${cardId}/reveal`);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({
      charged: 3,
      balance: 2,
      card: { phone: '13700007777' },
    });
    const again = (await on(employer, 'POST', `/api/talent-pool/${cardId}/reveal`)).json();
    expect(again).toMatchObject({ charged: 0, balance: 2 });
    const ledger = (await on(employer, 'GET', '/api/points')).json();
    expect(ledger.entries.map((e: { delta: number }) => e.delta)).toEqual([-3, 5]);

    // 2 points left: the next card costs 3 — refused, nothing debited
    const s2 = await signInAs(d.database.db, 'seeker');
    const r2 = (await on(s2, 'GET', '/api/resume')).json();
    await on(s2, 'PUT', '/api/resume', {
      version: r2.version,
      content: {
        ...r2.content,
        basic: { ...r2.content.basic, name: '丑', city: '杭州市', phone: '13700008888' },
      },
    });
    const card2 = (await on(s2, 'POST', '/api/talent-card/push')).json().id as string;
    const refused = await on(employer, 'POST', `/api/talent-pool/${card2}/reveal`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({
      code: 'INSUFFICIENT_POINTS',
      details: { balance: 2, cost: 3 },
    });
    expect((await on(employer, 'GET', '/api/points')).json().balance).toBe(2);
    // the employer's view records list both cards it looked at through the pool and reveal
    await on(employer, 'GET', `/api/talent-pool/${card2}`);
    const views = (await on(employer, 'GET', '/api/talent-pool/views')).json();
    expect(views.items.map((v: { card: { id: string } }) => v.card.id)).toContain(card2);
  });
});
