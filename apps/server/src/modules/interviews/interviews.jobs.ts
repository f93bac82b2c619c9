import type { FastifyBaseLogger } from 'fastify';
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/database.ts';
import type { Mailer } from '../../platform/mail/mail.ts';
import { appendEvent } from '../../platform/events/outbox.ts';
import { findInterview, formatChinaTime } from './interviews.repo.ts';
import { interviewCalendar } from './interviews.ics.ts';

const LEASE_SECONDS = 120;
const MAX_ATTEMPTS = 6;

/**
 * The interviews' due jobs, run by the dispatcher in every process. Reminders become outbox
 * events in the claiming transaction (`FOR UPDATE SKIP LOCKED`: each runs once). Calendar
 * emails are no longer scheduled — the .ics rides on the email delivery of the
 * interview.confirmed notification — but rows queued before that change are still drained:
 * claimed with a lease, sent outside any transaction, then marked done.
 */
export function interviewJobsWorker(
  db: Db,
  deps: { mailer: Mailer; publicUrl: string },
  log: FastifyBaseLogger,
) {
  return async () => (await runReminders(db)) + (await runCalendarMails(db, deps, log));
}

export async function runReminders(db: Db): Promise<number> {
  return db.transaction(async (tx) => {
    const due = await queryRows<{ id: string; interview_id: string }>(
      tx,
      sql`select id, interview_id from interview_jobs
          where kind = 'reminder' and status = 'pending' and due_at <= now()
          order by due_at limit 50 for update skip locked`,
    );
    for (const job of due) {
      const row = await findInterview(tx, job.interview_id);
      if (row?.status === 'confirmed') {
        const when = formatChinaTime(row.starts_at);
        await appendEvent(tx, {
          kind: 'interview.reminder',
          recipientAccountIds: [row.seeker_account_id],
          payload: {
            interviewId: row.id,
            title: '面试提醒',
            body: `您与${row.organization_name}的“${row.job_title}”面试将于${when}开始，请提前做好准备。`,
            link: `/seeker/interviews?id=${row.id}`,
          },
        });
        await appendEvent(tx, {
          kind: 'interview.reminder',
          recipientOrganizationIds: [row.organization_id],
          payload: {
            interviewId: row.id,
            title: '面试提醒',
            body: `${row.seeker_name}的“${row.job_title}”面试将于${when}开始。`,
            link: '/employer/interview-hall',
          },
        });
      }
      await tx.execute(
        sql`update interview_jobs set status = ${row?.status === 'confirmed' ? 'done' : 'cancelled'},
              attempts = attempts + 1 where id = ${job.id}`,
      );
    }
    return due.length;
  });
}

async function runCalendarMails(
  db: Db,
  deps: { mailer: Mailer; publicUrl: string },
  log: FastifyBaseLogger,
): Promise<number> {
  const claimed = await queryRows<{ id: string; interview_id: string; attempts: number }>(
    db,
    sql`with due as (
          select id from interview_jobs
          where kind = 'calendar_mail' and status = 'pending' and due_at <= now()
            and (lease_until is null or lease_until < now())
          order by due_at limit 20 for update skip locked)
        update interview_jobs j set lease_until = now() + make_interval(secs => ${LEASE_SECONDS}),
          attempts = j.attempts + 1
        from due where j.id = due.id
        returning j.id, j.interview_id, j.attempts`,
  );
  for (const job of claimed) {
    try {
      const row = await findInterview(db, job.interview_id);
      const [contact] = row
        ? await queryRows<{ email: string | null }>(
            db,
            sql`select email from notification_contacts where account_id = ${row.seeker_account_id}`,
          )
        : [];
      if (!row || row.status !== 'confirmed' || !contact?.email) {
        await finishJob(db, job.id, 'cancelled', row ? '未设置电子邮箱或面试已变更' : null);
        continue;
      }
      await deps.mailer.send({
        to: contact.email,
        subject: `【HireHall】面试通知：${row.organization_name} ${row.job_title}`,
        text: [
          `您好，${row.organization_name}已确认与您的面试。`,
          `面试时间：${formatChinaTime(row.starts_at)}`,
          `面试地点：${row.place || (row.mode === 'video' ? '面试大厅（视频）' : '—')}`,
          `单位联系人：${row.contact_name}`,
          `电话：${row.contact_phone}`,
          row.notes ? `备注：${row.notes}` : '',
          '',
          '附件为日历文件（.ics），可添加到手机或电脑日历。',
          `查看详情：${deps.publicUrl}/seeker/interviews?id=${row.id}`,
        ]
          .filter((l) => l !== null)
          .join('\n'),
        attachments: [
          {
            filename: 'interview.ics',
            content: interviewCalendar(row, { publicUrl: deps.publicUrl }),
            contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
          },
        ],
      });
      await finishJob(db, job.id, 'done', null);
    } catch (err) {
      const giveUp = job.attempts >= MAX_ATTEMPTS;
      log.warn({ jobId: job.id, attempts: job.attempts, giveUp }, 'interview calendar mail failed');
      await db.execute(
        sql`update interview_jobs set status = ${giveUp ? 'failed' : 'pending'}, lease_until = null,
              last_error = ${(err as Error).message.slice(0, 300)},
              due_at = now() + make_interval(secs => ${Math.min(3600, 30 * 2 ** job.attempts)})
            where id = ${job.id}`,
      );
    }
  }
  return claimed.length;
}

async function finishJob(db: Db, id: string, status: 'done' | 'cancelled', error: string | null) {
  await db.execute(
    sql`update interview_jobs set status = ${status}, lease_until = null, last_error = ${error}
        where id = ${id}`,
  );
}
