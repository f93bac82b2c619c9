// Employer–seeker pairs for the chat benchmarks, written straight into the database: per pair an
// organization, two accounts with sessions, a published posting, an application and its
// conversation. Used by bench:chat and bench:faults.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Database } from '../../apps/server/src/platform/db/database.ts';

export interface ChatPair {
  organizationId: string;
  conversationId: string;
  /** session tokens (the `hh_session` cookie values) of the two sides */
  employerToken: string;
  seekerToken: string;
}

const sha256 = (t: string) => createHash('sha256').update(t).digest('hex');

/** Seeds `n` pairs in chunks of 1,000 (one transaction each); `label` names the rows. */
export async function seedChatPairs(
  database: Database,
  n: number,
  label = '压测',
): Promise<ChatPair[]> {
  const run = randomBytes(3).toString('hex');
  const rows = Array.from({ length: n }, (_, i) => ({
    org: randomUUID(),
    employer: randomUUID(),
    seeker: randomUUID(),
    job: randomUUID(),
    application: randomUUID(),
    conversation: randomUUID(),
    et: randomBytes(32).toString('base64url'),
    st: randomBytes(32).toString('base64url'),
    n: `${run}-${i}`,
  }));
  for (let i = 0; i < rows.length; i += 1000) {
    const chunk = JSON.stringify(
      rows.slice(i, i + 1000).map((p) => ({ ...p, eh: sha256(p.et), sh: sha256(p.st) })),
    );
    const r = sql`(select * from jsonb_to_recordset(${chunk}::jsonb) as x(org uuid, employer uuid, seeker uuid, job uuid, application uuid, conversation uuid, n text, eh text, sh text))`;
    await database.db.transaction(async (tx) => {
      await tx.execute(
        sql`insert into organizations (id, kind, name) select org, 'company', ${label} || '单位' || n from ${r} r`,
      );
      await tx.execute(sql`insert into accounts (id, role, display_name) select employer, 'employer', '招聘' || n from ${r} r
                           union all select seeker, 'seeker', '求职' || n from ${r} r`);
      await tx.execute(
        sql`insert into memberships (account_id, organization_id) select employer, org from ${r} r`,
      );
      await tx.execute(
        sql`insert into job_postings (id, organization_id, status, title, published_at) select job, org, 'published', ${label} || '职位', now() from ${r} r`,
      );
      await tx.execute(sql`insert into applications (id, seeker_account_id, job_id, organization_id, resume_snapshot)
                           select application, seeker, job, org, '{}'::jsonb from ${r} r`);
      await tx.execute(sql`insert into conversations (id, application_id, organization_id, seeker_account_id)
                           select conversation, application, org, seeker from ${r} r`);
      await tx.execute(sql`insert into sessions (token_hash, account_id, csrf_token, expires_at)
                           select eh, employer, 'x', now() + interval '1 day' from ${r} r
                           union all select sh, seeker, 'x', now() + interval '1 day' from ${r} r`);
    });
  }
  return rows.map((p) => ({
    organizationId: p.org,
    conversationId: p.conversation,
    employerToken: p.et,
    seekerToken: p.st,
  }));
}
