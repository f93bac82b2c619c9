import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { AgreementTerms } from '@hirehall/shared/agreements';
import { clauseKeys } from '@hirehall/shared/agreements';
import type { Db } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { hashToken } from '../../platform/auth/sessions.ts';
import { sessions } from '../accounts/accounts.tables.ts';
import { admissions, organizations } from '../organizations/organizations.tables.ts';
import { createCollege, signInAs, type SignedIn } from '../../../test/fixtures.ts';
import { insertGraduate } from '../graduates/graduates.fixtures.ts';

export const terms: AgreementTerms = {
  position: '软件开发工程师',
  workLocation: '上海市浦东新区',
  monthlySalary: 12000,
  contractTerm: '三年',
  probation: '三个月',
  benefits: '五险一金，带薪年假',
  breachLiability: '违约方向守约方支付违约金5000元',
  otherClauses: '无',
};

/** Sets the employer's top-bar context straight in its session (as PUT /api/employer/context does). */
export async function setEmployerContext(
  db: Db,
  who: SignedIn,
  context: { schoolId: string; graduationYear: number },
) {
  const token = /hh_session=([^;]+)/.exec(who.headers.cookie!)![1]!;
  await db
    .update(sessions)
    .set({ context })
    .where(eq(sessions.tokenHash, hashToken(token)));
}

export async function admittedEmployer(db: Db, schoolId: string, year = 2026, name?: string) {
  const [org] = await db
    .insert(organizations)
    .values({
      kind: 'company',
      name: name ?? `测试科技有限公司${Math.random().toString(16).slice(2, 8)}`,
      contactName: '李经理',
      contactPhone: '13912345678',
      address: '上海市浦东新区张江路1号',
    })
    .returning();
  await db
    .insert(admissions)
    .values({ employerId: org!.id, schoolId, graduationYear: year, status: 'approved' });
  const hr = await signInAs(db, 'employer', { organizationId: org!.id });
  await setEmployerContext(db, hr, { schoolId, graduationYear: year });
  return hr;
}

/** A school with one college, its staff, and a college staff account. */
export async function signingWorld(db: Db) {
  const school = await signInAs(db, 'school');
  const schoolId = school.organizationId!;
  const c = await createCollege(db, schoolId, '计算机学院');
  const college = await signInAs(db, 'college', { organizationId: schoolId, collegeId: c.id });
  let n = 0;
  /** an approved graduate with an activated seeker account */
  const graduate = async (status: 'approved' | 'imported' = 'approved', major?: string) => {
    const seeker = await signInAs(db, 'seeker');
    const record = await insertGraduate(db, {
      schoolId,
      collegeId: c.id,
      n: ++n,
      status,
      accountId: seeker.accountId,
      major,
    });
    return { seeker, record };
  };
  return { school, schoolId, collegeId: c.id, college, graduate };
}

/** Save with every clause confirmed, then send; returns the agreement id. */
export async function sendOfferVia(app: FastifyInstance, hr: SignedIn, graduateId: string) {
  const saved = await app.inject({
    method: 'POST',
    url: '/api/employer/agreements',
    headers: hr.headers,
    payload: { graduateId, terms, confirmedClauses: clauseKeys },
  });
  if (saved.statusCode !== 200) throw new AppError('INTERNAL', `save failed: ${saved.body}`);
  const id = saved.json().id as string;
  const sent = await app.inject({
    method: 'POST',
    url: `/api/employer/agreements/${id}/send`,
    headers: hr.headers,
  });
  if (sent.statusCode !== 200) throw new AppError('INTERNAL', `send failed: ${sent.body}`);
  return id;
}

export const post = (app: FastifyInstance, who: SignedIn, url: string, payload?: object) =>
  app.inject({ method: 'POST', url, headers: who.headers, ...(payload ? { payload } : {}) });

/** The whole way to 已签约: offer, accept, college and school approval. */
export async function signedAgreement(
  app: FastifyInstance,
  db: Db,
  w: Awaited<ReturnType<typeof signingWorld>>,
  employer?: SignedIn,
) {
  const hr = employer ?? (await admittedEmployer(db, w.schoolId));
  const { seeker, record } = await w.graduate();
  const id = await sendOfferVia(app, hr, record.id);
  const steps = [
    await post(app, seeker, `/api/graduate/agreements/${id}/accept`),
    await post(app, w.college, `/api/college/agreements/${id}/approve`),
    await post(app, w.school, `/api/school/agreements/${id}/approve`),
  ];
  for (const s of steps) {
    if (s.statusCode !== 200) throw new AppError('INTERNAL', `signing failed: ${s.body}`);
  }
  return { id, hr, seeker, record, view: steps[2]!.json() };
}

export const LETTER_PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

/** Uploads a termination letter (multipart), answering the raw response. */
export function uploadLetterVia(
  app: FastifyInstance,
  who: SignedIn,
  bytes: Buffer = LETTER_PDF,
  fileName = '解约函.pdf',
) {
  const boundary = '----letter' + Math.random().toString(16).slice(2);
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return app.inject({
    method: 'POST',
    url: '/api/agreements/termination-letters',
    headers: { ...who.headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload,
  });
}

/** 解约 all the way: the graduate applies, the employer consents, the school approves. */
export async function terminateVia(
  app: FastifyInstance,
  w: Awaited<ReturnType<typeof signingWorld>>,
  signed: Awaited<ReturnType<typeof signedAgreement>>,
) {
  const letter = await uploadLetterVia(app, signed.seeker);
  const requested = await post(app, signed.seeker, `/api/agreements/${signed.id}/terminations`, {
    reason: '考取研究生',
    letterFileId: letter.json().fileId,
  });
  const tid = (requested.json().terminations as { id: string }[]).at(-1)!.id;
  const steps = [
    await post(app, signed.hr, `/api/terminations/${tid}/consent`),
    await post(app, w.school, `/api/school/terminations/${tid}/approve`),
  ];
  for (const s of [requested, ...steps]) {
    if (s.statusCode !== 200) throw new AppError('INTERNAL', `termination failed: ${s.body}`);
  }
  return tid;
}
