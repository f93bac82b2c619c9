import { eq } from 'drizzle-orm';
import { maskEmail, type TalentCard } from '@hirehall/shared/talentpool';
import { maskPhone } from '@hirehall/shared/validators';
import { labelOfOption, parseResumeContent, resumeEducationLevels } from '@hirehall/shared/resumes';
import type { Queryable } from '../../platform/db/database.ts';
import { accounts } from '../accounts/accounts.tables.ts';
import { resumes } from '../resumes/resumes.tables.ts';
import { talentCards } from './talentpool.tables.ts';

export type CardRow = typeof talentCards.$inferSelect;

/** The card's summary, taken from the resume (and the account's phone as a fallback). */
async function summaryOf(q: Queryable, accountId: string) {
  const [row] = await q
    .select({
      content: resumes.content,
      educationLevel: resumes.educationLevel,
      phone: accounts.phone,
      displayName: accounts.displayName,
    })
    .from(accounts)
    .leftJoin(resumes, eq(resumes.accountId, accounts.id))
    .where(eq(accounts.id, accountId));
  if (!row) return null;
  const c = parseResumeContent(row.content ?? {});
  const domains = new Set([
    ...c.certificationDomains,
    ...c.certificates.map((x) => x.domain).filter(Boolean),
  ]);
  return {
    name: c.basic.name || row.displayName,
    birthDate: c.basic.birthDate || null,
    city: c.basic.city || c.intention.cities[0] || '',
    educationLevel: row.educationLevel,
    certificationDomains: [...domains],
    positionLevel: c.positionLevel,
    intention: c.intention.jobTitles.join('、'),
    phone: c.basic.phone || row.phone,
    email: c.basic.email || null,
    updatedAt: new Date(),
  };
}

/** Keeps an existing card in step with the resume; a seeker without a card has nothing to sync. */
export async function syncCardFromResume(q: Queryable, accountId: string) {
  const summary = await summaryOf(q, accountId);
  if (!summary) return;
  await q.update(talentCards).set(summary).where(eq(talentCards.accountId, accountId));
}

/** The seeker's card, created (private) on first use. */
export async function getOrCreateCard(q: Queryable, accountId: string): Promise<CardRow> {
  const [existing] = await q.select().from(talentCards).where(eq(talentCards.accountId, accountId));
  if (existing) return existing;
  const summary = await summaryOf(q, accountId);
  await q
    .insert(talentCards)
    .values({ accountId, ...summary })
    .onConflictDoNothing();
  const [row] = await q.select().from(talentCards).where(eq(talentCards.accountId, accountId));
  return row!;
}

export function ageOn(birthDate: string | null, today = new Date()): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthDate ?? '');
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  let age = today.getFullYear() - y;
  if (today.getMonth() + 1 < mo || (today.getMonth() + 1 === mo && today.getDate() < d)) age -= 1;
  return age >= 0 && age < 130 ? age : null;
}

/** What a card shows; contacts masked unless `contactVisible`. */
export function toCard(row: CardRow, contactVisible: boolean): TalentCard {
  return {
    id: row.id,
    name: row.name,
    age: ageOn(row.birthDate),
    city: row.city,
    educationLevel: row.educationLevel
      ? labelOfOption(resumeEducationLevels, row.educationLevel)
      : null,
    certificationDomains: row.certificationDomains,
    positionLevel: row.positionLevel,
    intention: row.intention,
    phone: contactVisible ? row.phone : maskPhone(row.phone),
    email: contactVisible ? row.email : maskEmail(row.email),
    contactVisible,
  };
}
