import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { signInAs, type SignedIn } from '../../test/fixtures.ts';
import { roles, type Role } from '../platform/auth/actor.ts';
import { files } from '../platform/storage/files.tables.ts';
import { admissions } from './organizations/organizations.tables.ts';

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

  it('refuses every role a route does not list, and anonymous visitors', async () => {
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
  });

  it('refuses state changes without the CSRF header', async () => {
    const failures: string[] = [];
    for (const entry of t.app.accessTable) {
      if (entry.access === 'public' || entry.method === 'GET') continue;
      const role = entry.access.roles[0]!;
      const { 'x-csrf-token': _csrf, ...cookieOnly } = as[role]!.headers;
      const res = await inject(entry.method, entry.url, cookieOnly);
      if (res.statusCode !== 403) failures.push(`${entry.method} ${entry.url} → ${res.statusCode}`);
    }
    expect(failures).toEqual([]);
  });

  it('holds accounts that must change their password to the routes allowed meanwhile', async () => {
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
  });
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
