import { sql } from 'drizzle-orm';
import { RETENTION_YEARS } from '@hirehall/shared/privacy';
import { queryRows, type Tx } from '../../platform/db/database.ts';

/** Rows removed, in a savepoint: a row another table still needs fails only this step (-1). */
const count = (tx: Tx, query: ReturnType<typeof sql>) =>
  tx
    .transaction(async (sp) => {
      const [row] = await queryRows<{ n: number }>(
        sp,
        sql`with d as (${query} returning 1) select count(*)::int as n from d`,
      );
      return row?.n ?? 0;
    })
    .catch(() => -1);

/**
 * One pass of the retention job:
 * - deleted seekers whose 3 years have passed: their de-identified applications (with the
 *   conversations) and the nameless account itself;
 * - withdrawn or voided applications and resume access records older than 3 years;
 * - expired sessions, SMS codes and captchas, which hold IP addresses and phone numbers.
 * Audit rows are never purged: the chain must stay whole.
 */
export async function purgeExpired(tx: Tx, now = new Date()) {
  const at = sql`${now.toISOString()}::timestamptz`;
  const years = sql`make_interval(years => ${RETENTION_YEARS})`;
  const due = await queryRows<{ account_id: string }>(
    tx,
    sql`select account_id from data_deletions where purged_at is null and purge_after <= ${at}
        order by purge_after limit 200 for update skip locked`,
  );
  let accounts = 0;
  for (const { account_id: id } of due) {
    await count(tx, sql`delete from applications where seeker_account_id = ${id}`);
    await count(tx, sql`delete from resume_access_log where seeker_account_id = ${id}`);
    // the nameless account goes too, unless a record that must stay still points at it
    const removed = await tx
      .transaction(async (sp) => {
        await sp.execute(sql`delete from accounts where id = ${id}`);
        return true;
      })
      .catch(() => false);
    if (removed) accounts += 1;
    await tx.execute(sql`update data_deletions set purged_at = ${at} where account_id = ${id}`);
  }
  return {
    deletedAccounts: due.length,
    accountRowsRemoved: accounts,
    applications: await count(
      tx,
      sql`delete from applications where status in ('withdrawn', 'voided') and updated_at < ${at} - ${years}`,
    ),
    resumeAccess: await count(
      tx,
      sql`delete from resume_access_log where created_at < ${at} - ${years}`,
    ),
    sessions: await count(
      tx,
      sql`delete from sessions where expires_at < ${at} - interval '30 days'
            or revoked_at < ${at} - interval '30 days'`,
    ),
    smsCodes: await count(
      tx,
      sql`delete from sms_codes where expires_at < ${at} - interval '7 days'`,
    ),
    captchas: await count(
      tx,
      sql`delete from captchas where expires_at < ${at} - interval '1 day'`,
    ),
  };
}
