import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { signInAs, type SignedIn } from '../../../test/fixtures.ts';

let t: TestApp;
let admin: SignedIn;
beforeAll(async () => {
  t = await createTestApp({ HIREHALL_DISPATCHER: '0' });
  admin = await signInAs(t.database.db, 'admin');
});
afterAll(() => t.close());

const inject = (method: string, url: string, headers: Record<string, string>, payload?: object) =>
  t.app.inject({ method: method as 'GET', url, headers, payload });

describe('系统消息 sent by the admin', () => {
  it('lists past broadcasts newest first, with audience and how many received them', async () => {
    const school = await signInAs(t.database.db, 'school');
    await signInAs(t.database.db, 'seeker');
    const first = { title: '系统维护通知', body: '本周六 0:00–2:00 系统维护', roles: ['school'] };
    const second = {
      title: '春招开始',
      body: '春季招聘会已开放报名',
      roles: ['seeker', 'employer'],
    };
    for (const b of [first, second]) {
      expect((await inject('POST', '/api/admin/broadcasts', admin.headers, b)).statusCode).toBe(
        202,
      );
    }
    const before = await inject('GET', '/api/admin/broadcasts', admin.headers);
    expect(before.statusCode).toBe(200);
    expect(before.json().total).toBe(2);
    expect(before.json().items).toMatchObject([
      { ...second, deliveredAt: null, recipients: 0 },
      { ...first, deliveredAt: null, recipients: 0 },
    ]);

    await t.app.dispatcher.runOnce();
    const after = await inject('GET', '/api/admin/broadcasts', admin.headers);
    const [latest, earliest] = after.json().items;
    expect(earliest).toMatchObject({ title: first.title, recipients: 1 });
    expect(Date.parse(earliest.deliveredAt)).not.toBeNaN();
    expect(latest.recipients).toBe(1);
    const inbox = await inject('GET', '/api/notifications', school.headers);
    expect(inbox.json().items.map((n: { title: string }) => n.title)).toContain(first.title);

    const paged = await inject('GET', '/api/admin/broadcasts?page=2&pageSize=1', admin.headers);
    expect(paged.json().items.map((b: { title: string }) => b.title)).toEqual([first.title]);
  });

  it('only the platform admin lists them', async () => {
    for (const role of ['seeker', 'employer', 'school'] as const) {
      const who = await signInAs(t.database.db, role);
      expect((await inject('GET', '/api/admin/broadcasts', who.headers)).statusCode).toBe(403);
    }
  });
});
