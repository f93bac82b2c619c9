/** Test helpers: an employer, a seeker, an application and an interview between them. */
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../platform/db/database.ts';
import { signInAs, type SignedIn } from '../../../test/fixtures.ts';
import { createApplication } from '../chat/chat.fixtures.ts';
import { applications } from '../applications/applications.tables.ts';
import { eq } from 'drizzle-orm';
import { todayInChina } from './interviews.repo.ts';

export const inMinutes = (m: number) => new Date(Date.now() + m * 60_000).toISOString();

/**
 * A fixed clock for the hall, whatever the time of day the tests run: tomorrow 10:00 in
 * China, so interviews at `atClock(n)` are in the future and on the clock's day.
 */
export const hallClock = new Date(todayInChina().start.getTime() + 34 * 3600_000);
export const atClock = (minutes: number) =>
  new Date(hallClock.getTime() + minutes * 60_000).toISOString();

export const details = (overrides: Record<string, unknown> = {}) => ({
  startsAt: inMinutes(60),
  durationMinutes: 30,
  mode: 'video',
  place: '',
  contactName: '王老师',
  contactPhone: '021-12345678',
  notes: '请提前调试摄像头',
  ...overrides,
});

export async function parties(db: Db) {
  const employer = await signInAs(db, 'employer');
  const seeker = await signInAs(db, 'seeker');
  const { application, job } = await createApplication(db, employer, seeker);
  return { employer, seeker, application, job };
}

export async function applicationStatus(db: Db, id: string) {
  const [row] = await db
    .select({ status: applications.status })
    .from(applications)
    .where(eq(applications.id, id));
  return row?.status;
}

export async function invite(
  app: FastifyInstance,
  employer: SignedIn,
  applicationId: string,
  overrides: Record<string, unknown> = {},
) {
  return app.inject({
    method: 'POST',
    url: '/api/interviews',
    headers: employer.headers,
    payload: { applicationId, ...details(overrides) },
  });
}

export function post(app: FastifyInstance, who: SignedIn, url: string, payload: unknown = {}) {
  return app.inject({ method: 'POST', url, headers: who.headers, payload: payload as object });
}

export function get(app: FastifyInstance, who: SignedIn, url: string) {
  return app.inject({ method: 'GET', url, headers: who.headers });
}

/** An invited, attended and confirmed video interview. */
export async function confirmedInterview(
  app: FastifyInstance,
  db: Db,
  overrides: Record<string, unknown> = {},
) {
  const p = await parties(db);
  const id = (await invite(app, p.employer, p.application.id, overrides)).json().id as string;
  await post(app, p.seeker, `/api/interviews/${id}/attend`);
  await post(app, p.employer, `/api/interviews/${id}/confirm`);
  return { ...p, interviewId: id };
}
