import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { clauseKeys } from '@hirehall/shared/agreements';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import type { SignedIn } from '../../../test/fixtures.ts';
import { outboxEvents } from '../../platform/events/outbox.tables.ts';
import {
  admittedEmployer,
  post,
  signedAgreement,
  signingWorld,
  terms,
} from './agreements.fixtures.ts';

let t: TestApp;
let w: Awaited<ReturnType<typeof signingWorld>>;
const db = () => t.database.db;

const PDF_BYTES = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

async function uploadLetter(who: SignedIn, bytes: Buffer = PDF_BYTES) {
  const boundary = '----letter' + Math.random().toString(16).slice(2);
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="解约函.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return t.app.inject({
    method: 'POST',
    url: '/api/agreements/termination-letters',
    headers: { ...who.headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload,
  });
}

beforeAll(async () => {
  t = await createTestApp();
  w = await signingWorld(db());
});
afterAll(() => t.close());

describe('termination', () => {
  it('graduate applies with a letter, employer consents, school approves; the graduate is signable again', async () => {
    const { id, hr, seeker, record } = await signedAgreement(t.app, db(), w);
    const bad = await uploadLetter(seeker, Buffer.from('just text, not a letter'));
    expect(bad.statusCode).toBe(415);
    const letter = await uploadLetter(seeker);
    expect(letter.statusCode).toBe(200);
    const { fileId } = letter.json();
    // someone else's upload cannot be used
    const foreignLetter = (await uploadLetter(hr)).json().fileId;
    expect(
      (
        await post(t.app, seeker, `/api/agreements/${id}/terminations`, {
          reason: '考研',
          letterFileId: foreignLetter,
        })
      ).statusCode,
    ).toBe(400);

    const req = await post(t.app, seeker, `/api/agreements/${id}/terminations`, {
      reason: '考取研究生',
      letterFileId: fileId,
    });
    expect(req.statusCode).toBe(200);
    const termination = req.json().terminations[0];
    expect(termination).toMatchObject({ status: 'requested', initiatedBy: 'graduate' });
    const dup = await post(t.app, seeker, `/api/agreements/${id}/terminations`, {
      reason: '再次',
      letterFileId: fileId,
    });
    expect(dup.statusCode).toBe(409);
    // the requester cannot consent to itself; the school cannot decide before the consent
    expect(
      (await post(t.app, seeker, `/api/terminations/${termination.id}/consent`)).statusCode,
    ).toBe(409);
    expect(
      (await post(t.app, w.school, `/api/school/terminations/${termination.id}/approve`))
        .statusCode,
    ).toBe(409);
    // the employer sees it in 已解约 and can open the letter
    const tab = await t.app.inject({
      url: '/api/employer/agreements?tab=terminated',
      headers: hr.headers,
    });
    expect(tab.json().items.map((a: { id: string }) => a.id)).toEqual([id]);
    const file = await t.app.inject({
      url: `/api/terminations/${termination.id}/letter`,
      headers: hr.headers,
    });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    const other = await admittedEmployer(db(), w.schoolId);
    expect(
      (
        await t.app.inject({
          url: `/api/terminations/${termination.id}/letter`,
          headers: other.headers,
        })
      ).statusCode,
    ).toBe(404);

    const consent = await post(t.app, hr, `/api/terminations/${termination.id}/consent`);
    expect(consent.json().terminations[0].status).toBe('consented');
    const queue = await t.app.inject({
      url: '/api/school/terminations?status=consented',
      headers: w.school.headers,
    });
    expect(queue.json().items.map((x: { id: string }) => x.id)).toContain(termination.id);
    const ok = await post(t.app, w.school, `/api/school/terminations/${termination.id}/approve`);
    expect(ok.json()).toMatchObject({ status: 'terminated', reviewStatus: 'approved' });
    expect(ok.json().terminations[0].status).toBe('approved');
    const events = await db()
      .select()
      .from(outboxEvents)
      .where(eq(outboxEvents.kind, 'termination.approved'));
    expect(events[0]!.recipientAccountIds).toEqual([seeker.accountId]);

    // signable again: a new offer can be sent and accepted; the old agreement's history stays
    const hr2 = await admittedEmployer(db(), w.schoolId);
    const list = await t.app.inject({
      url: '/api/employer/signing/signable',
      headers: hr2.headers,
    });
    expect(list.json().items.map((g: { id: string }) => g.id)).toContain(record.id);
    const saved = await post(t.app, hr2, '/api/employer/agreements', {
      graduateId: record.id,
      terms,
      confirmedClauses: clauseKeys,
    });
    const id2 = saved.json().id;
    await post(t.app, hr2, `/api/employer/agreements/${id2}/send`);
    expect(
      (await post(t.app, seeker, `/api/graduate/agreements/${id2}/accept`)).json().status,
    ).toBe('accepted');
    const old = await t.app.inject({ url: `/api/agreements/${id}`, headers: seeker.headers });
    expect(old.json().status).toBe('terminated');
  });

  it('employer-initiated termination only where the school allows it; refusal and withdrawal', async () => {
    const { id, hr, seeker } = await signedAgreement(t.app, db(), w);
    const letter = (await uploadLetter(hr)).json().fileId;
    const denied = await post(t.app, hr, `/api/agreements/${id}/terminations`, {
      reason: '岗位取消',
      letterFileId: letter,
    });
    expect(denied.json().error.code).toBe('TERMINATION_NOT_ALLOWED');
    const put = await t.app.inject({
      method: 'PUT',
      url: '/api/school/signing-settings',
      headers: w.school.headers,
      payload: { offerResponseDays: 7, employerTermination: true, provincialEndpoint: null },
    });
    expect(put.json().employerTermination).toBe(true);
    const req = await post(t.app, hr, `/api/agreements/${id}/terminations`, {
      reason: '岗位取消',
      letterFileId: letter,
    });
    const tid = req.json().terminations[0].id;
    const refused = await post(t.app, seeker, `/api/terminations/${tid}/refuse`, {
      reason: '不同意',
    });
    expect(refused.json().terminations[0]).toMatchObject({
      status: 'refused',
      responseReason: '不同意',
    });
    expect(refused.json().status).toBe('accepted');
    const req2 = await post(t.app, hr, `/api/agreements/${id}/terminations`, {
      reason: '再协商',
      letterFileId: letter,
    });
    const tid2 = req2
      .json()
      .terminations.find((x: { status: string }) => x.status === 'requested').id;
    const withdrawn = await post(t.app, hr, `/api/terminations/${tid2}/withdraw`);
    expect(withdrawn.json().terminations.find((x: { id: string }) => x.id === tid2).status).toBe(
      'withdrawn',
    );
    // school reject path
    const req3 = await post(t.app, seeker, `/api/agreements/${id}/terminations`, {
      reason: '个人原因',
      letterFileId: (await uploadLetter(seeker)).json().fileId,
    });
    const tid3 = req3
      .json()
      .terminations.find((x: { status: string }) => x.status === 'requested').id;
    await post(t.app, hr, `/api/terminations/${tid3}/consent`);
    const rej = await post(t.app, w.school, `/api/school/terminations/${tid3}/reject`, {
      reason: '材料不全',
    });
    expect(rej.json().status).toBe('accepted');
    await t.app.inject({
      method: 'PUT',
      url: '/api/school/signing-settings',
      headers: w.school.headers,
      payload: { offerResponseDays: 5, employerTermination: false, provincialEndpoint: null },
    });
  });
});
