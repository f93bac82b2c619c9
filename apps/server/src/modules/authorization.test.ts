import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { createCollege, signInAs, type SignedIn } from '../../test/fixtures.ts';
import { roles, type Role } from '../platform/auth/actor.ts';
import { files } from '../platform/storage/files.tables.ts';
import { admissions } from './organizations/organizations.tables.ts';
import { applications } from './applications/applications.tables.ts';
import { createJob } from './applications/applications.fixtures.ts';
import { insertGraduate } from './graduates/graduates.fixtures.ts';
import { fairSignups, jobFairs } from './jobfairs/jobfairs.tables.ts';
import { goodJob } from './jobs/jobs.test-helpers.ts';

/**
 * The authorization table: every /api route with its declared access (collected in app.ts),
 * injected as every role it does not list and as an anonymous visitor. None of them may get
 * a 2xx. New routes are covered the moment they are registered.
 */
let t: TestApp;
const as: Partial<Record<Role, SignedIn>> = {};
let mustChange: SignedIn;

beforeAll(async () => {
  t = await createTestApp();
  for (const role of roles) as[role] = await signInAs(t.database.db, role);
  mustChange = await signInAs(t.database.db, 'admin', { mustChangePassword: true });
});
afterAll(() => t.close());

/** the table walks inject hundreds of requests; the shared CI machine may be busy */
const TABLE_WALK_TIMEOUT = 180_000;
const SOME_ID = '00000000-0000-4000-8000-000000000000';
const concrete = (url: string) => url.replace(/:[A-Za-z_]+/g, SOME_ID).replace(/\*$/, 'anything');

function inject(method: string, url: string, headers: Record<string, string> = {}) {
  return t.app.inject({
    method: method as 'GET',
    url: concrete(url),
    headers,
    ...(['POST', 'PUT', 'PATCH'].includes(method) ? { payload: {} } : {}),
  });
}

describe('authorization table', () => {
  it('lists every API route with a declared access', () => {
    expect(t.app.accessTable.length).toBeGreaterThan(10);
    for (const entry of t.app.accessTable) {
      expect(entry.url.startsWith('/api/')).toBe(true);
      expect(entry.access).toBeDefined();
    }
  });

  it(
    'refuses every role a route does not list, and anonymous visitors',
    async () => {
      const failures: string[] = [];
      for (const entry of t.app.accessTable) {
        if (entry.access === 'public') continue;
        const allowed = entry.access.roles;
        const anonymous = await inject(entry.method, entry.url);
        if (anonymous.statusCode !== 401) {
          failures.push(`${entry.method} ${entry.url} anonymous → ${anonymous.statusCode}`);
        }
        for (const role of roles) {
          if (allowed.includes(role)) continue;
          const res = await inject(entry.method, entry.url, as[role]!.headers);
          if (res.statusCode !== 403) {
            failures.push(`${entry.method} ${entry.url} as ${role} → ${res.statusCode}`);
          }
        }
      }
      expect(failures).toEqual([]);
    },
    TABLE_WALK_TIMEOUT,
  );

  it(
    'lets at least one allowed role past the access layer on every route',
    async () => {
      // a fresh account per route: a route may end its caller's session (logout, deletion)
      const failures: string[] = [];
      for (const entry of t.app.accessTable) {
        if (entry.access === 'public') continue;
        const tried: string[] = [];
        let passed = false;
        for (const role of entry.access.roles) {
          const who = await signInAs(t.database.db, role);
          const res = await inject(entry.method, entry.url, who.headers);
          if (res.statusCode !== 401 && res.statusCode !== 403) {
            passed = true;
            break;
          }
          tried.push(`${role} → ${res.statusCode} ${res.json().error?.code}`);
        }
        if (!passed) failures.push(`${entry.method} ${entry.url}: ${tried.join(', ')}`);
      }
      expect(failures).toEqual([]);
    },
    TABLE_WALK_TIMEOUT,
  );

  it(
    'refuses state changes without the CSRF header',
    async () => {
      const failures: string[] = [];
      for (const entry of t.app.accessTable) {
        if (entry.access === 'public' || entry.method === 'GET') continue;
        const role = entry.access.roles[0]!;
        const { 'x-csrf-token': _csrf, ...cookieOnly } = as[role]!.headers;
        const res = await inject(entry.method, entry.url, cookieOnly);
        if (res.statusCode !== 403)
          failures.push(`${entry.method} ${entry.url} → ${res.statusCode}`);
      }
      expect(failures).toEqual([]);
    },
    TABLE_WALK_TIMEOUT,
  );

  it(
    'holds accounts that must change their password to the routes allowed meanwhile',
    async () => {
      const failures: string[] = [];
      for (const entry of t.app.accessTable) {
        if (entry.access === 'public' || entry.access.duringPasswordChange) continue;
        if (!entry.access.roles.includes('admin')) continue;
        const res = await inject(entry.method, entry.url, mustChange.headers);
        if (res.statusCode !== 403 || res.json().error.code !== 'PASSWORD_CHANGE_REQUIRED') {
          failures.push(`${entry.method} ${entry.url} → ${res.statusCode}`);
        }
      }
      expect(failures).toEqual([]);
    },
    TABLE_WALK_TIMEOUT,
  );
});

describe('ownership: another tenant’s record answers 404', () => {
  it("school A cannot review school B's admission", async () => {
    const employer = await signInAs(t.database.db, 'employer');
    const schoolB = await signInAs(t.database.db, 'school');
    const [admission] = await t.database.db
      .insert(admissions)
      .values({
        employerId: employer.organizationId!,
        schoolId: schoolB.organizationId!,
        graduationYear: new Date().getFullYear(),
      })
      .returning();
    for (const action of ['approve', 'reject']) {
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/school/admissions/${admission!.id}/${action}`,
        headers: as.school!.headers,
        payload: { reason: '越权' },
      });
      expect(res.statusCode).toBe(404);
    }
  });

  it("an employer cannot read another employer's licence", async () => {
    const owner = await signInAs(t.database.db, 'employer');
    const [file] = await t.database.db
      .insert(files)
      .values({
        organizationId: owner.organizationId,
        purpose: 'licence',
        fileName: 'licence.png',
        mimeType: 'image/png',
        sizeBytes: 1,
        sha256: '0'.repeat(64),
        storageKey: 'licence/test/none',
      })
      .returning();
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/files/${file!.id}`,
      headers: as.employer!.headers,
    });
    expect(res.statusCode).toBe(404);
  });
});

describe('ownership: postings, applications, graduates and fair sign-ups of another tenant', () => {
  it("an employer cannot see, edit or publish another employer's posting", async () => {
    const owner = await signInAs(t.database.db, 'employer');
    const other = await signInAs(t.database.db, 'employer');
    const job = await createJob(t.database.db, owner.organizationId!, { status: 'draft' });
    const own = await t.app.inject({ url: `/api/org/jobs/${job.id}`, headers: owner.headers });
    expect(own.statusCode).toBe(200);
    const attempts = [
      { method: 'GET' as const, url: `/api/org/jobs/${job.id}` },
      {
        method: 'PATCH' as const,
        url: `/api/org/jobs/${job.id}`,
        payload: goodJob({ version: 1 }),
      },
      { method: 'POST' as const, url: `/api/org/jobs/${job.id}/publish` },
    ];
    for (const a of attempts) {
      const res = await t.app.inject({ ...a, headers: other.headers });
      expect(res.statusCode, `${a.method} ${a.url}`).toBe(404);
    }
  });

  it("an employer cannot read or mark another employer's application", async () => {
    const owner = await signInAs(t.database.db, 'employer');
    const other = await signInAs(t.database.db, 'employer');
    const seeker = await signInAs(t.database.db, 'seeker');
    const job = await createJob(t.database.db, owner.organizationId!);
    const [application] = await t.database.db
      .insert(applications)
      .values({
        seekerAccountId: seeker.accountId,
        jobId: job.id,
        organizationId: owner.organizationId!,
        resumeSnapshot: {},
      })
      .returning();
    const url = `/api/employer/applications/${application!.id}`;
    expect((await t.app.inject({ url, headers: owner.headers })).statusCode).toBe(200);
    expect((await t.app.inject({ url, headers: other.headers })).statusCode).toBe(404);
    const mark = await t.app.inject({
      method: 'POST',
      url: `${url}/mark`,
      headers: other.headers,
      payload: { mark: 'qualified' },
    });
    expect(mark.statusCode).toBe(404);
  });

  it("a college cannot review another school's graduate", async () => {
    const schoolA = await signInAs(t.database.db, 'school');
    const collegeA = await createCollege(t.database.db, schoolA.organizationId!);
    const graduate = await insertGraduate(t.database.db, {
      schoolId: schoolA.organizationId!,
      collegeId: collegeA.id,
      n: 4242,
      status: 'imported',
    });
    const collegeOfB = await signInAs(t.database.db, 'college');
    for (const [action, payload] of [
      ['approve', {}],
      ['reject', { reason: '越权' }],
    ] as const) {
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/college/graduates/${graduate.id}/${action}`,
        headers: collegeOfB.headers,
        payload,
      });
      expect(res.statusCode, action).toBe(404);
    }
  });

  it("a school cannot review a sign-up for another school's fair", async () => {
    const schoolA = await signInAs(t.database.db, 'school');
    const employer = await signInAs(t.database.db, 'employer');
    const [fair] = await t.database.db
      .insert(jobFairs)
      .values({
        schoolId: schoolA.organizationId!,
        title: '越权测试招聘会',
        type: 'online',
        startsAt: new Date(Date.now() + 86_400_000),
        endsAt: new Date(Date.now() + 2 * 86_400_000),
        city: '上海',
        address: '线上',
        status: 'published',
      })
      .returning();
    const [signup] = await t.database.db
      .insert(fairSignups)
      .values({ fairId: fair!.id, employerId: employer.organizationId! })
      .returning();
    const schoolB = await signInAs(t.database.db, 'school');
    for (const [action, payload] of [
      ['approve', {}],
      ['reject', { reason: '越权' }],
    ] as const) {
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/school/fair-signups/${signup!.id}/${action}`,
        headers: schoolB.headers,
        payload,
      });
      expect(res.statusCode, action).toBe(404);
    }
    const list = await t.app.inject({
      url: `/api/school/fairs/${fair!.id}/signups`,
      headers: schoolB.headers,
    });
    expect(list.statusCode).toBe(404);
  });
});
