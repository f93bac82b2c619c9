import { sql } from 'drizzle-orm';
import type { Hall } from '@hirehall/shared/chat';
import { queryRows, type Queryable } from '../../platform/db/database.ts';
import type { RealtimeHub } from '../../platform/realtime/realtime.ts';

/**
 * 洽谈大厅 (seed 001 §2): the fairs the employer takes part in, and for the chosen fair (or
 * all applications) the candidates who applied, with mark, presence and unread messages.
 */
export async function loadHall(
  q: Queryable,
  realtime: RealtimeHub,
  organizationId: string,
  filter: { fairId?: string; mark?: 'qualified' | 'eliminated' | 'undecided' | 'none' },
): Promise<Hall> {
  const fairs = await queryRows<{ id: string; title: string; starts_at: Date | string }>(
    q,
    sql`select f.id, f.title, f.starts_at from job_fairs f
        where f.id in (select fair_id from fair_signups where employer_id = ${organizationId} and status = 'approved')
           or f.id in (select fair_id from applications where organization_id = ${organizationId} and fair_id is not null)
        order by f.starts_at desc limit 100`,
  );
  const markFilter =
    filter.mark === 'none'
      ? sql`and ap.mark is null`
      : filter.mark
        ? sql`and ap.mark = ${filter.mark}`
        : sql``;
  const rows = await queryRows<{
    application_id: string;
    seeker_account_id: string;
    name: string;
    job_title: string;
    mark: 'qualified' | 'eliminated' | 'undecided' | null;
    status: string;
    has_attachment: boolean;
    attachment_id: string | null;
    applied_at: Date | string;
    conversation_id: string | null;
    unread: number | null;
  }>(
    q,
    sql`select ap.id as application_id, ap.seeker_account_id, coalesce(sp.name, a.display_name) as name,
          coalesce(j.title, '') as job_title, ap.mark, ap.status, ap.attachment_id is not null as has_attachment, ap.attachment_id,
          ap.created_at as applied_at, c.id as conversation_id, (c.last_seq - c.employer_read_seq) as unread
        from applications ap
        join accounts a on a.id = ap.seeker_account_id
        left join seeker_profiles sp on sp.account_id = ap.seeker_account_id
        left join job_postings j on j.id = ap.job_id
        left join conversations c on c.application_id = ap.id
        where ap.organization_id = ${organizationId} and ap.status <> 'withdrawn'
          ${filter.fairId ? sql`and ap.fair_id = ${filter.fairId}` : sql``}
          ${markFilter}
        order by c.last_message_at desc nulls last, ap.created_at desc
        limit 500`,
  );
  const online = await realtime.onlineAmong([...new Set(rows.map((r) => r.seeker_account_id))]);
  return {
    fairs: fairs.map((f) => ({
      id: f.id,
      title: f.title,
      startsAt: new Date(f.starts_at).toISOString(),
    })),
    candidates: rows.map((r) => ({
      applicationId: r.application_id,
      seekerAccountId: r.seeker_account_id,
      name: r.name,
      jobTitle: r.job_title,
      mark: r.mark,
      status: r.status,
      hasAttachment: Boolean(r.has_attachment),
      attachmentId: r.attachment_id ?? null,
      appliedAt: new Date(r.applied_at).toISOString(),
      online: online.has(r.seeker_account_id),
      conversationId: r.conversation_id,
      unread: Math.max(0, Number(r.unread ?? 0)),
    })),
  };
}

/** For the platform admin: flagged employer messages, by flag and by organization. */
export async function loadSafetyStats(q: Queryable) {
  const byFlag = await queryRows<{ flag: string; n: number }>(
    q,
    sql`select f as flag, count(*)::int as n from chat_messages m, unnest(m.flags) f group by f`,
  );
  const orgs = await queryRows<{ organization_id: string; name: string; n: number }>(
    q,
    sql`select c.organization_id, o.name, sum(c.flagged_count)::int as n from conversations c
        join organizations o on o.id = c.organization_id
        where c.flagged_count > 0 group by c.organization_id, o.name order by n desc limit 100`,
  );
  return {
    total: orgs.reduce((s, o) => s + o.n, 0),
    byFlag: Object.fromEntries(byFlag.map((r) => [r.flag, r.n])),
    organizations: orgs.map((o) => ({
      organizationId: o.organization_id,
      name: o.name,
      flaggedMessages: o.n,
    })),
  };
}
