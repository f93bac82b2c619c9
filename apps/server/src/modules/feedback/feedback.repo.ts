import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import type { FeedbackItem, FeedbackKind, FeedbackState } from '@hirehall/shared/feedback';
import { queryRows, type Queryable } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { accounts } from '../accounts/accounts.tables.ts';
import { feedbackItems, feedbackReplies } from './feedback.tables.ts';

export type FeedbackRow = typeof feedbackItems.$inferSelect;

export async function getFeedbackRow(q: Queryable, id: string): Promise<FeedbackRow> {
  const [row] = await q.select().from(feedbackItems).where(eq(feedbackItems.id, id));
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

/** The only writer of `feedback_items.status`: zero rows means someone moved it first. */
export async function transitionFeedback(
  q: Queryable,
  id: string,
  from: FeedbackState,
  to: FeedbackState,
  actorAccountId: string,
) {
  const rows = await q
    .update(feedbackItems)
    .set({
      status: to,
      updatedAt: sql`now()`,
      resolvedAt: to === 'resolved' ? sql`now()` : null,
      resolvedBy: to === 'resolved' ? actorAccountId : null,
    })
    .where(and(eq(feedbackItems.id, id), eq(feedbackItems.status, from)))
    .returning({ id: feedbackItems.id });
  if (rows.length === 0) throw new AppError('CONFLICT');
}

/** What a report's target is called, for the admin's eyes; null when it no longer exists. */
export async function targetLabelOf(
  q: Queryable,
  type: string | null,
  id: string | null,
): Promise<string | null> {
  if (!type || !id || !/^[0-9a-f-]{36}$/i.test(id)) return null;
  const query = {
    job: sql`select title as label from job_postings where id = ${id}::uuid`,
    organization: sql`select name as label from organizations where id = ${id}::uuid`,
    card: sql`select name as label from talent_cards where id = ${id}::uuid`,
    message: sql`select coalesce(nullif(left(body, 60), ''), '[图片]') as label from chat_messages where id = ${id}::uuid`,
  }[type];
  if (!query) return null;
  const [row] = await queryRows<{ label: string }>(q, query);
  return row?.label ?? null;
}

/** Item rows with sender names and replies, in the shape the API returns. */
export async function toFeedbackItems(q: Queryable, rows: FeedbackRow[]): Promise<FeedbackItem[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const senderIds = rows.map((r) => r.senderAccountId).filter((v): v is string => !!v);
  const senders = senderIds.length
    ? await q
        .select({ id: accounts.id, name: accounts.displayName })
        .from(accounts)
        .where(inArray(accounts.id, senderIds))
    : [];
  const replies = await q
    .select({
      id: feedbackReplies.id,
      feedbackId: feedbackReplies.feedbackId,
      body: feedbackReplies.body,
      createdAt: feedbackReplies.createdAt,
    })
    .from(feedbackReplies)
    .where(inArray(feedbackReplies.feedbackId, ids))
    .orderBy(asc(feedbackReplies.createdAt));
  const names = new Map(senders.map((s) => [s.id, s.name]));
  return Promise.all(
    rows.map(async (r) => ({
      id: r.id,
      kind: r.kind,
      status: r.status,
      content: r.content,
      reason: r.reason,
      targetType: r.targetType,
      targetId: r.targetId,
      targetLabel: await targetLabelOf(q, r.targetType, r.targetId),
      screenshotFileIds: r.screenshotFileIds,
      senderName: (r.senderAccountId && names.get(r.senderAccountId)) || '已注销用户',
      senderRole: r.senderRole,
      contact: r.contact,
      replies: replies
        .filter((x) => x.feedbackId === r.id)
        .map((x) => ({
          id: x.id,
          body: x.body,
          authorName: '平台管理员',
          createdAt: x.createdAt.toISOString(),
        })),
      createdAt: r.createdAt.toISOString(),
      resolvedAt: r.resolvedAt?.toISOString() ?? null,
      resolutionMinutes: r.resolvedAt
        ? Math.round((r.resolvedAt.getTime() - r.createdAt.getTime()) / 60_000)
        : null,
    })),
  );
}

export async function listQueue(
  q: Queryable,
  filter: { status?: FeedbackState; kind?: FeedbackKind; page: number; pageSize: number },
) {
  const where = and(
    filter.status ? eq(feedbackItems.status, filter.status) : undefined,
    filter.kind ? eq(feedbackItems.kind, filter.kind) : undefined,
  );
  const rows = await q
    .select()
    .from(feedbackItems)
    .where(where)
    .orderBy(desc(feedbackItems.createdAt))
    .limit(filter.pageSize)
    .offset((filter.page - 1) * filter.pageSize);
  const [total] = await q.select({ n: count() }).from(feedbackItems).where(where);
  const byStatus = await q
    .select({ status: feedbackItems.status, n: count() })
    .from(feedbackItems)
    .groupBy(feedbackItems.status);
  const [median] = await queryRows<{ minutes: number | null }>(
    q,
    sql`select percentile_cont(0.5) within group (
          order by extract(epoch from resolved_at - created_at) / 60)::float8 as minutes
        from feedback_items
        where status = 'resolved' and resolved_at > now() - interval '30 days'`,
  );
  const counts = { new: 0, in_progress: 0, resolved: 0 };
  for (const s of byStatus) counts[s.status] = s.n;
  return {
    items: await toFeedbackItems(q, rows),
    total: total?.n ?? 0,
    counts,
    medianResolutionMinutes: median?.minutes == null ? null : Math.round(median.minutes),
  };
}
