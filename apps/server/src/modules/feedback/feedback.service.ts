import { and, desc, eq, inArray } from 'drizzle-orm';
import {
  feedbackKindLabels,
  feedbackTransitions,
  type FeedbackEvent,
  type FeedbackState,
  type SubmitFeedbackBody,
} from '@hirehall/shared/feedback';
import { nextState } from '@hirehall/shared/workflow';
import type { Queryable, Tx } from '../../platform/db/database.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { AppError } from '../../platform/errors.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { appendEvent } from '../../platform/events/outbox.ts';
import { files } from '../../platform/storage/files.tables.ts';
import { feedbackItems, feedbackReplies } from './feedback.tables.ts';
import {
  getFeedbackRow,
  targetLabelOf,
  toFeedbackItems,
  transitionFeedback,
  type FeedbackRow,
} from './feedback.repo.ts';

export const SCREENSHOT_PURPOSE = 'feedback';

/** Feedback or an abuse report from any signed-in person; screenshots must be their own. */
export async function submitFeedback(tx: Tx, actor: Actor, body: SubmitFeedbackBody) {
  const fileIds = [...new Set(body.screenshotFileIds)];
  if (fileIds.length > 0) {
    const own = await tx
      .select({ id: files.id })
      .from(files)
      .where(
        and(
          inArray(files.id, fileIds),
          eq(files.ownerAccountId, actor.accountId),
          eq(files.purpose, SCREENSHOT_PURPOSE),
        ),
      );
    if (own.length !== fileIds.length) throw new AppError('NOT_FOUND', '截图不存在，请重新上传');
  }
  const target = body.kind === 'abuse' ? body.target : undefined;
  if (target) {
    if (!(await targetLabelOf(tx, target.type, target.id))) {
      throw new AppError('NOT_FOUND', '举报对象不存在');
    }
  }
  const [row] = await tx
    .insert(feedbackItems)
    .values({
      kind: body.kind,
      senderAccountId: actor.accountId,
      senderRole: actor.role,
      senderOrganizationId: actor.organizationId,
      content: body.content,
      reason: body.kind === 'abuse' ? (body.reason ?? null) : null,
      targetType: target?.type ?? null,
      targetId: target?.id ?? null,
      contact: body.contact || null,
      screenshotFileIds: fileIds,
    })
    .returning();
  if (target) {
    await recordAudit(tx, {
      actorAccountId: actor.accountId,
      actorRole: actor.role,
      action: 'abuse_report.submit',
      targetType: target.type,
      targetId: target.id,
      details: { feedbackId: row!.id, reason: body.reason ?? null },
    });
  }
  return (await toFeedbackItems(tx, [row!]))[0]!;
}

export async function listMyFeedback(q: Queryable, actor: Actor) {
  const rows = await q
    .select()
    .from(feedbackItems)
    .where(eq(feedbackItems.senderAccountId, actor.accountId))
    .orderBy(desc(feedbackItems.createdAt))
    .limit(100);
  return toFeedbackItems(q, rows);
}

/** Moves an item through the admin queue; resolving tells the sender. */
export async function moveFeedback(tx: Tx, actor: Actor, id: string, event: FeedbackEvent) {
  const row = await getFeedbackRow(tx, id);
  const to = nextState<FeedbackState, FeedbackEvent>(feedbackTransitions, row.status, event);
  if (!to) throw new AppError('CONFLICT', '当前状态不能执行该操作');
  await transitionFeedback(tx, id, row.status, to, actor.accountId);
  await recordAudit(tx, {
    actorAccountId: actor.accountId,
    actorRole: actor.role,
    action: `feedback.${event}`,
    targetType: 'feedback',
    targetId: id,
    details: { from: row.status, to },
  });
  if (to === 'resolved') await notifySender(tx, row, '您的反馈已处理完毕', '');
  return (await toFeedbackItems(tx, [await getFeedbackRow(tx, id)]))[0]!;
}

/** An admin's reply: stored, sent to the sender, and moves a new item to in progress. */
export async function replyToFeedback(
  tx: Tx,
  actor: Actor,
  id: string,
  input: { body: string; resolve: boolean },
) {
  const row = await getFeedbackRow(tx, id);
  await tx
    .insert(feedbackReplies)
    .values({ feedbackId: id, authorAccountId: actor.accountId, body: input.body });
  let status = row.status;
  if (status === 'new' || (status === 'resolved' && !input.resolve)) {
    const event: FeedbackEvent = status === 'new' ? 'start' : 'reopen';
    const to = nextState<FeedbackState, FeedbackEvent>(feedbackTransitions, status, event)!;
    await transitionFeedback(tx, id, status, to, actor.accountId);
    status = to;
  }
  if (input.resolve && status !== 'resolved') {
    await transitionFeedback(tx, id, status, 'resolved', actor.accountId);
  }
  await recordAudit(tx, {
    actorAccountId: actor.accountId,
    actorRole: actor.role,
    action: 'feedback.reply',
    targetType: 'feedback',
    targetId: id,
    details: { resolve: input.resolve },
  });
  await notifySender(tx, row, `您的${feedbackKindLabels[row.kind]}有了回复`, input.body);
  return (await toFeedbackItems(tx, [await getFeedbackRow(tx, id)]))[0]!;
}

/** Where the sender reads their feedback in the web app (each role has its own area). */
export function feedbackPageOf(role: string) {
  const area = role === 'college' ? 'school' : role;
  return `/${area}/feedback`;
}

async function notifySender(tx: Tx, row: FeedbackRow, title: string, body: string) {
  if (!row.senderAccountId) return;
  await appendEvent(tx, {
    kind: 'feedback.replied',
    recipientAccountIds: [row.senderAccountId],
    payload: {
      title,
      body: body.slice(0, 500),
      link: feedbackPageOf(row.senderRole),
      feedbackId: row.id,
    },
  });
}

/** Screenshots: the sender and the platform admin; anyone else is told it does not exist. */
export async function getScreenshot(q: Queryable, actor: Actor, fileId: string) {
  const [file] = await q
    .select()
    .from(files)
    .where(and(eq(files.id, fileId), eq(files.purpose, SCREENSHOT_PURPOSE)));
  if (!file) throw new AppError('NOT_FOUND');
  if (actor.role !== 'admin' && file.ownerAccountId !== actor.accountId) {
    throw new AppError('NOT_FOUND');
  }
  return file;
}
