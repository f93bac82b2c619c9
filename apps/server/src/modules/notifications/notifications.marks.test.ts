import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { signInAs, type SignedIn } from '../../../test/fixtures.ts';
import { queryRows } from '../../platform/db/database.ts';
import { createApplication } from '../chat/chat.fixtures.ts';

/** A mark (合格/待定/淘汰) reaches the seeker only when the employer chooses 通知求职者. */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ HIREHALL_DISPATCHER: '0' });
});
afterAll(() => t.close());

async function inbox(who: SignedIn) {
  await t.app.dispatcher.runOnce();
  const res = await t.app.inject({
    method: 'GET',
    url: '/api/notifications',
    headers: who.headers,
  });
  expect(res.statusCode).toBe(200);
  return res.json() as { items: { kind: string; title: string; link: string | null }[] };
}

const mark = (employer: SignedIn, id: string, payload: Record<string, unknown>) =>
  t.app.inject({
    method: 'PUT',
    url: `/api/employer/applications/${id}/mark`,
    headers: employer.headers,
    payload,
  });

const markedEvents = (applicationId: string) =>
  queryRows<{ recipient_account_ids: string[] }>(
    t.database.db,
    sql`select recipient_account_ids from outbox_events
        where kind = 'application.marked' and payload->>'applicationId' = ${applicationId}`,
  );

describe('mark notification', () => {
  it('stays private by default and notifies the seeker when the employer opts in', async () => {
    const employer = await signInAs(t.database.db, 'employer');
    const seeker = await signInAs(t.database.db, 'seeker');
    const { application, job } = await createApplication(t.database.db, employer, seeker);

    const quiet = await mark(employer, application.id, { mark: 'undecided' });
    expect(quiet.statusCode).toBe(200);
    expect(quiet.json().mark).toBe('undecided');
    expect(await markedEvents(application.id)).toHaveLength(0);
    expect((await inbox(seeker)).items).toHaveLength(0);

    const told = await mark(employer, application.id, { mark: 'qualified', notifySeeker: true });
    expect(told.statusCode).toBe(200);
    const events = await markedEvents(application.id);
    expect(events).toHaveLength(1);
    expect(events[0]!.recipient_account_ids).toEqual([seeker.accountId]);
    const [item] = (await inbox(seeker)).items;
    expect(item).toMatchObject({ kind: 'application.marked', link: '/seeker/applications' });
    expect(item!.title).toContain(job.title);
    expect(item!.title).toContain('通过初步筛选');
    // the employer gets nothing about its own mark
    expect((await inbox(employer)).items.some((i) => i.kind === 'application.marked')).toBe(false);

    // clearing a mark tells nobody, even when asked
    expect(
      (await mark(employer, application.id, { mark: null, notifySeeker: true })).statusCode,
    ).toBe(200);
    expect(await markedEvents(application.id)).toHaveLength(1);
  });

  it("another employer's application answers 404 and notifies nobody", async () => {
    const employer = await signInAs(t.database.db, 'employer');
    const other = await signInAs(t.database.db, 'employer');
    const seeker = await signInAs(t.database.db, 'seeker');
    const { application } = await createApplication(t.database.db, employer, seeker);
    const res = await mark(other, application.id, { mark: 'eliminated', notifySeeker: true });
    expect(res.statusCode).toBe(404);
    expect(await markedEvents(application.id)).toHaveLength(0);
  });
});
