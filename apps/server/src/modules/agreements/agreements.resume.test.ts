import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { signInAs, type SignedIn } from '../../../test/fixtures.ts';
import {
  admittedEmployer,
  post,
  sendOfferVia,
  setEmployerContext,
  signingWorld,
} from './agreements.fixtures.ts';

let t: TestApp;
let w: Awaited<ReturnType<typeof signingWorld>>;
const db = () => t.database.db;

beforeAll(async () => {
  t = await createTestApp();
  w = await signingWorld(db());
});
afterAll(() => t.close());

async function writeResume(seeker: SignedIn) {
  const res = await t.app.inject({
    method: 'PUT',
    url: '/api/resume',
    headers: seeker.headers,
    payload: {
      version: 0,
      content: {
        basic: { name: '王小明', phone: '13812345678', email: 'xiaoming@example.com' },
        intention: { jobTitles: ['后端开发'] },
        skills: ['TypeScript'],
      },
    },
  });
  expect(res.statusCode).toBe(200);
}

const resumeOf = (who: SignedIn, graduateId: string) =>
  t.app.inject({
    url: `/api/employer/signing/graduates/${graduateId}/resume`,
    headers: who.headers,
  });

describe('a signable graduate’s resume on the signing page', () => {
  it('shows the online resume with masked contacts to an admitted employer, and logs the view', async () => {
    const hr = await admittedEmployer(db(), w.schoolId);
    const { seeker, record } = await w.graduate();
    await writeResume(seeker);
    const res = await resumeOf(hr, record.id);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.graduate).toMatchObject({ id: record.id, name: record.name });
    expect(body.content.skills).toEqual(['TypeScript']);
    expect(body.content.basic.phone).toBe('138****5678');
    expect(body.content.basic.email).toBe('x***@example.com');
    expect(res.body).not.toContain('13812345678');
    expect(res.body).not.toContain(record.idNumber);
    const log = await t.app.inject({ url: '/api/resume/access-log', headers: seeker.headers });
    expect(log.json()).toEqual([expect.objectContaining({ kind: 'view' })]);
  });

  it('answers without a resume when the graduate has not written one', async () => {
    const hr = await admittedEmployer(db(), w.schoolId);
    const { record } = await w.graduate();
    const res = await resumeOf(hr, record.id);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ content: null, facts: null });
  });

  it('is 404 for an employer not admitted at the school, or admitted elsewhere', async () => {
    const { seeker, record } = await w.graduate();
    await writeResume(seeker);
    // context points at the school, but the admission is missing
    const stranger = await signInAs(db(), 'employer');
    await setEmployerContext(db(), stranger, { schoolId: w.schoolId, graduationYear: 2026 });
    const a = await resumeOf(stranger, record.id);
    expect(a.statusCode).toBe(404);
    expect(a.body).not.toContain('王小明');
    // admitted at another school: the graduate is not in its school and year
    const other = await signingWorld(db());
    const elsewhere = await admittedEmployer(db(), other.schoolId);
    expect((await resumeOf(elsewhere, record.id)).statusCode).toBe(404);
    // admitted here, but for another graduation year
    const lastYear = await admittedEmployer(db(), w.schoolId, 2025);
    expect((await resumeOf(lastYear, record.id)).statusCode).toBe(404);
  });

  it('is 404 for a graduate not approved, or signed with another employer', async () => {
    const hr = await admittedEmployer(db(), w.schoolId);
    const pending = await w.graduate('imported');
    expect((await resumeOf(hr, pending.record.id)).statusCode).toBe(404);

    const winner = await admittedEmployer(db(), w.schoolId);
    const { seeker, record } = await w.graduate();
    await writeResume(seeker);
    const id = await sendOfferVia(t.app, winner, record.id);
    expect((await post(t.app, seeker, `/api/graduate/agreements/${id}/accept`)).statusCode).toBe(
      200,
    );
    expect((await resumeOf(hr, record.id)).statusCode).toBe(404);
    // the employer in the agreement still sees it
    expect((await resumeOf(winner, record.id)).statusCode).toBe(200);
  });
});
