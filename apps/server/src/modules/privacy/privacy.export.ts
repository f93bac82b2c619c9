import { sql } from 'drizzle-orm';
import type { Zippable } from 'fflate';
import { queryRows, type Queryable } from '../../platform/db/database.ts';
import type { FileStorage } from '../../platform/storage/storage.ts';

/** Each part of the export: a file name in the ZIP and the query of the person's rows. */
const parts = (id: string) =>
  ({
    'account.json': sql`select id, role, display_name, phone, status, created_at, password_changed_at
      from accounts where id = ${id}`,
    'sign-in-identifiers.json': sql`select kind, value, created_at from sign_in_identifiers where account_id = ${id}`,
    'seeker-profile.json': sql`select name, document_kind, id_number, gender, birth_date,
      verification_method, verified_at, created_at from seeker_profiles where account_id = ${id}`,
    'graduate-records.json': sql`select g.graduation_year, g.student_number, g.name, g.id_number, g.gender,
      g.major, g.degree, g.phone, g.status, o.name as school_name
      from graduate_records g join organizations o on o.id = g.school_id where g.account_id = ${id}`,
    'personnel-registry.json': sql`select phone, name, certificate_number, certification_domain,
      position_level, region, bound_at from personnel_registry where account_id = ${id}`,
    'resume.json': sql`select content, education_level, political_status, facts_confirmed_at, updated_at
      from resumes where account_id = ${id}`,
    'resume-attachments.json': sql`select a.id, f.file_name, f.mime_type, f.size_bytes, a.created_at, a.deleted_at
      from resume_attachments a join files f on f.id = a.file_id where a.account_id = ${id}`,
    'resume-access-log.json': sql`select o.name as organization_name, l.kind, l.created_at
      from resume_access_log l join organizations o on o.id = l.organization_id
      where l.seeker_account_id = ${id} order by l.created_at`,
    'applications.json': sql`select a.id, j.title as job_title, o.name as organization_name, a.status, a.mark,
      a.resume_snapshot, a.consent_at, a.created_at, a.withdrawn_at
      from applications a join job_postings j on j.id = a.job_id join organizations o on o.id = a.organization_id
      where a.seeker_account_id = ${id} order by a.created_at`,
    // the employer's own result notes stay out: the outcome (result) is the person's record
    'interviews.json': sql`select i.id, i.application_id, j.title as job_title, o.name as organization_name,
      i.status, i.starts_at, i.duration_minutes, i.mode, i.place, i.contact_name, i.contact_phone,
      i.notes, i.result, i.seen_at, i.created_at, i.updated_at
      from interviews i join job_postings j on j.id = i.job_id join organizations o on o.id = i.organization_id
      where i.seeker_account_id = ${id} order by i.starts_at`,
    // offers and three-party agreements of the person's graduate records (an unsent draft is the employer's)
    'agreements.json': sql`select a.id, o.name as employer_name, s.name as school_name, a.graduation_year,
      a.status, a.review_status, a.terms, a.deadline_at, a.sent_at, a.answered_at, a.response_reason,
      a.created_at
      from agreements a join graduate_records g on g.id = a.graduate_record_id
      join organizations o on o.id = a.employer_id join organizations s on s.id = a.school_id
      where g.account_id = ${id} and a.status <> 'draft' order by a.created_at`,
    'talent-card-views.json': sql`select o.name as organization_name, v.view_count, v.created_at as first_viewed_at,
      v.last_viewed_at
      from card_views v join talent_cards c on c.id = v.card_id join organizations o on o.id = v.organization_id
      where c.account_id = ${id} order by v.last_viewed_at`,
    'chat-messages.json': sql`select c.application_id, m.seq, m.sender_side, m.kind, m.body, m.created_at
      from chat_messages m join conversations c on c.id = m.conversation_id
      where c.seeker_account_id = ${id} order by c.application_id, m.seq`,
    'talent-card.json': sql`select status, name, birth_date, city, education_level, certification_domains,
      position_level, intention, phone, email, pushed_at, updated_at from talent_cards where account_id = ${id}`,
    'contact-reveals.json': sql`select o.name as organization_name, r.created_at
      from contact_reveals r join talent_cards c on c.id = r.card_id join organizations o on o.id = r.organization_id
      where c.account_id = ${id}`,
    'favorites.json': sql`select j.title as job_title, f.created_at from job_favorites f
      join job_postings j on j.id = f.job_id where f.account_id = ${id}`,
    'notifications.json': sql`select kind, title, body, read_at, created_at from notifications
      where account_id = ${id} order by created_at`,
    'feedback.json': sql`select kind, status, content, reason, target_type, created_at, resolved_at
      from feedback_items where sender_account_id = ${id}`,
    'consents.json': sql`select purpose, organization_id, reference, statement, created_at as granted_at, withdrawn_at
      from consents where account_id = ${id}`,
  }) as const;

const README = `HireHall 个人信息导出 / personal data export

本压缩包包含平台保存的与您本人有关的全部个人信息，每类信息一个 JSON 文件；
attachments/ 目录为您上传的附件简历原文件。文件中的身份证号、手机号为完整内容，请妥善保管。
如需更正，请在“我的”页面修改；如需删除，请在“个人信息与隐私”页面申请注销。
`;

/** Builds the ZIP: one JSON file per kind of record, plus the attachment files themselves. */
export async function buildPersonalDataZip(
  q: Queryable,
  storage: FileStorage,
  accountId: string,
): Promise<{ zip: Uint8Array; files: string[] }> {
  // loaded at the first export, not at every start
  const { strToU8, zipSync } = await import('fflate');
  const entries: Zippable = { 'README.txt': strToU8(README) };
  for (const [name, query] of Object.entries(parts(accountId))) {
    const rows = await queryRows<Record<string, unknown>>(q, query);
    entries[name] = strToU8(JSON.stringify(rows, null, 2));
  }
  const attachments = await queryRows<{ id: string; file_name: string; storage_key: string }>(
    q,
    sql`select a.id, f.file_name, f.storage_key from resume_attachments a
        join files f on f.id = a.file_id where a.account_id = ${accountId} and a.deleted_at is null`,
  );
  for (const a of attachments) {
    const bytes = await storage.get(a.storage_key).catch(() => null);
    if (bytes) entries[`attachments/${a.id.slice(0, 8)}-${a.file_name}`] = new Uint8Array(bytes);
  }
  entries['export.json'] = strToU8(
    JSON.stringify(
      { accountId, exportedAt: new Date().toISOString(), files: Object.keys(entries) },
      null,
      2,
    ),
  );
  return { zip: zipSync(entries, { level: 6 }), files: Object.keys(entries) };
}
