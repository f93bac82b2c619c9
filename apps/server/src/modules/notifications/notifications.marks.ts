import { sql } from 'drizzle-orm';
import type { ApplicationMark } from '@hirehall/shared/applications';
import { queryRows, type Queryable } from '../../platform/db/database.ts';
import { appendEvent } from '../../platform/events/outbox.ts';

const wording: Record<ApplicationMark, (job: string) => { title: string; body: string }> = {
  qualified: (job) => ({
    title: `您应聘的「${job}」已通过初步筛选`,
    body: '单位将您标记为合格，请留意后续的面试邀约。',
  }),
  undecided: (job) => ({
    title: `您应聘的「${job}」正在考虑中`,
    body: '单位将您列为待定，有进一步结果时会再通知您。',
  }),
  eliminated: (job) => ({
    title: `您应聘的「${job}」未通过筛选`,
    body: '感谢您的关注，欢迎继续应聘其他职位。',
  }),
};

/**
 * 通知求职者: the employer chose to tell the seeker about a mark (合格/待定/淘汰). Marks are
 * otherwise the employer's own notes (`application.mark` is silent); this event
 * (`application.marked`) goes to the seeker, in the transaction of the mark.
 */
export async function appendMarkNotice(q: Queryable, applicationId: string, mark: ApplicationMark) {
  const [row] = await queryRows<{ seeker: string; job: string; org: string }>(
    q,
    sql`select a.seeker_account_id as seeker, j.title as job, o.name as org
        from applications a join job_postings j on j.id = a.job_id join organizations o on o.id = a.organization_id
        where a.id = ${applicationId}`,
  );
  if (!row) return;
  const { title, body } = wording[mark](row.job);
  await appendEvent(q, {
    kind: 'application.marked',
    recipientAccountIds: [row.seeker],
    payload: {
      title: `${row.org}：${title}`,
      body,
      link: '/seeker/applications',
      applicationId,
      mark,
    },
  });
}
