import { eq, sql } from 'drizzle-orm';
import { RETENTION_YEARS } from '@hirehall/shared/privacy';
import { queryRows, type Tx } from '../../platform/db/database.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { AppError } from '../../platform/errors.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { verifyPassword } from '../../platform/auth/passwords.ts';
import { accounts } from '../accounts/accounts.tables.ts';
import { dataDeletions } from './privacy.tables.ts';

export const DELETED_NAME = '已注销用户';
const REMOVED_MESSAGE = '（用户已注销，内容已删除）';

/**
 * A seeker's deletion (注销). Personal data goes at once: identifiers, real-name profile,
 * resume and attachments, card (and who viewed it), favourites, notifications, their chat
 * words, sessions. The recruitment records the law asks us to keep (applications and their
 * interviews: which posting, when, outcome) stay for 3 years in de-identified form, tied to a nameless account, and are then purged.
 * Returns the storage keys to remove after commit.
 */
export async function deletePersonalData(
  tx: Tx,
  actor: Actor,
  password: string,
  ip?: string,
): Promise<{ storageKeys: string[]; purgeAfter: Date }> {
  const [account] = await tx
    .select({ passwordHash: accounts.passwordHash })
    .from(accounts)
    .where(eq(accounts.id, actor.accountId))
    .for('update');
  if (!account) throw new AppError('NOT_FOUND');
  if (!(await verifyPassword(account.passwordHash, password))) {
    throw new AppError('CURRENT_PASSWORD_WRONG', '密码不正确');
  }
  const id = actor.accountId;
  const files = await queryRows<{ id: string; storage_key: string }>(
    tx,
    sql`select f.id, f.storage_key from files f
        where f.owner_account_id = ${id}
           or f.id in (select file_id from resume_attachments where account_id = ${id})
           or f.id in (select m.image_file_id from chat_messages m join conversations c on c.id = m.conversation_id
                       where c.seeker_account_id = ${id} and m.sender_side = 'seeker')
           or f.id in (select m.thumb_file_id from chat_messages m join conversations c on c.id = m.conversation_id
                       where c.seeker_account_id = ${id} and m.sender_side = 'seeker')`,
  );
  const steps = [
    sql`update applications set attachment_id = null,
          resume_snapshot = jsonb_build_object('deidentified', true)
        where seeker_account_id = ${id}`,
    sql`update resume_access_log set attachment_id = null where seeker_account_id = ${id}`,
    sql`delete from resume_attachments where account_id = ${id}`,
    sql`delete from resumes where account_id = ${id}`,
    sql`delete from talent_cards where account_id = ${id}`,
    sql`delete from job_favorites where account_id = ${id}`,
    sql`update chat_messages m set body = ${REMOVED_MESSAGE}, kind = 'text', image_file_id = null,
          thumb_file_id = null
        from conversations c where c.id = m.conversation_id and c.seeker_account_id = ${id}
          and m.sender_side = 'seeker'`,
    // interviews stay with their application (de-identified, purged with it): the ones not yet
    // held are cancelled and their reminders stopped; the notes addressed to the person go
    sql`update interview_jobs set status = 'cancelled'
        where status = 'pending' and interview_id in (select id from interviews where seeker_account_id = ${id})`,
    sql`update interviews set status = 'cancelled', updated_at = now()
        where seeker_account_id = ${id} and status in ('invited', 'attending', 'confirmed')
          and starts_at > now()`,
    sql`update interviews set notes = '', result_notes = null, seen_at = null
        where seeker_account_id = ${id}`,
    sql`delete from notifications where account_id = ${id}`,
    sql`delete from notification_deliveries where account_id = ${id}`,
    sql`delete from notification_preferences where account_id = ${id}`,
    sql`delete from notification_contacts where account_id = ${id}`,
    sql`update feedback_items set contact = null where sender_account_id = ${id}`,
    sql`update graduate_records set account_id = null where account_id = ${id}`,
    sql`update personnel_registry set account_id = null, bound_at = null where account_id = ${id}`,
    sql`delete from seeker_profiles where account_id = ${id}`,
    sql`delete from sign_in_identifiers where account_id = ${id}`,
    sql`delete from sessions where account_id = ${id}`,
    sql`update accounts set display_name = ${DELETED_NAME}, phone = null, password_hash = null,
          status = 'disabled', must_change_password = false where id = ${id}`,
  ];
  for (const step of steps) await tx.execute(step);
  if (files.length > 0) {
    await tx.execute(
      sql`delete from files where id in (select jsonb_array_elements_text(${JSON.stringify(files.map((f) => f.id))}::jsonb)::uuid)`,
    );
  }
  const purgeAfter = new Date();
  purgeAfter.setFullYear(purgeAfter.getFullYear() + RETENTION_YEARS);
  await tx
    .insert(dataDeletions)
    .values({ accountId: id, completedAt: new Date(), purgeAfter })
    .onConflictDoNothing();
  await recordAudit(tx, {
    actorAccountId: id,
    actorRole: actor.role,
    action: 'privacy.delete',
    targetType: 'account',
    targetId: id,
    ip,
    details: { files: files.length, purgeAfter: purgeAfter.toISOString() },
  });
  return { storageKeys: files.map((f) => f.storage_key), purgeAfter };
}
