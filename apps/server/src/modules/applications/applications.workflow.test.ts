import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import {
  applicationStatuses,
  applicationTransitions,
  type ApplicationEvent,
  type ApplicationStatus,
} from '@hirehall/shared/applications';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { signInAs } from '../../../test/fixtures.ts';
import { auditLog } from '../../platform/audit/audit.tables.ts';
import { applications } from './applications.tables.ts';
import { createJob } from './applications.fixtures.ts';
import { transitionApplication } from './applications.workflow.ts';

const events: ApplicationEvent[] = [
  'view',
  'mark',
  'invite',
  'cancel_invitation',
  'decline_interview',
  'withdraw',
];

let t: TestApp;
let seekerId: string;
let organizationId: string;
beforeAll(async () => {
  t = await createTestApp();
  seekerId = (await signInAs(t.database.db, 'seeker')).accountId;
  organizationId = (await signInAs(t.database.db, 'employer')).organizationId!;
});
afterAll(() => t.close());

async function applicationIn(status: ApplicationStatus) {
  // a fresh posting each time: one current application per posting
  const job = await createJob(t.database.db, organizationId);
  const [row] = await t.database.db
    .insert(applications)
    .values({
      seekerAccountId: seekerId,
      jobId: job.id,
      organizationId,
      status,
      resumeSnapshot: {},
    })
    .returning();
  return row!;
}

describe('application transition table, every state × event', () => {
  const cases = applicationStatuses.flatMap((from) =>
    events.map((event) => [from, event] as const),
  );
  it.each(cases)('%s + %s', async (from, event) => {
    const app = await applicationIn(from);
    const to = (
      applicationTransitions[from] as Partial<Record<ApplicationEvent, ApplicationStatus>>
    )[event];
    const run = () =>
      t.database.db.transaction((tx) =>
        transitionApplication(tx, {
          applicationId: app.id,
          event,
          actor: { accountId: seekerId, role: 'seeker' },
          mark: 'undecided',
        }),
      );
    if (!to) {
      await expect(run()).rejects.toMatchObject({ code: 'CONFLICT' });
      const [after] = await t.database.db
        .select()
        .from(applications)
        .where(eq(applications.id, app.id));
      expect(after!.status).toBe(from);
      return;
    }
    const row = await run();
    expect(row.status).toBe(to);
    if (event === 'mark') expect(row.mark).toBe('undecided');
    if (to === 'withdrawn') expect(row.withdrawnAt).not.toBeNull();
    const audits = await t.database.db.select().from(auditLog).where(eq(auditLog.targetId, app.id));
    expect(audits.map((a) => a.action)).toEqual([`application.${event}`]);
  });

  it('refuses a stale expected state', async () => {
    const app = await applicationIn('viewed');
    await expect(
      t.database.db.transaction((tx) =>
        transitionApplication(tx, {
          applicationId: app.id,
          event: 'invite',
          from: 'submitted',
          actor: { accountId: seekerId, role: 'employer' },
        }),
      ),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('withdrawn is final and every other state can be withdrawn', () => {
    expect(applicationTransitions.withdrawn).toEqual({});
    for (const s of applicationStatuses.filter((x) => x !== 'withdrawn')) {
      expect((applicationTransitions[s] as Record<string, string>).withdraw).toBe('withdrawn');
    }
  });
});
