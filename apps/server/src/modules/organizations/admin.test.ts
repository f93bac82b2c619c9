import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { createCollege, signInAs, type SignedIn } from '../../../test/fixtures.ts';
import { accounts } from '../accounts/accounts.tables.ts';
import { auditLog } from '../../platform/audit/audit.tables.ts';
import { verifyPassword } from '../../platform/auth/passwords.ts';
import { findAccountIdByIdentifier } from '../accounts/accounts.repo.ts';
import { personnelRegistry, pointsLedger } from './organizations.tables.ts';
import type { Role } from '../../platform/auth/actor.ts';
import { multipart, PNG_1X1 } from './test-helpers.ts';

let t: TestApp;
let admin: SignedIn;
beforeAll(async () => {
  t = await createTestApp();
  admin = await signInAs(t.database.db, 'admin');
});
afterAll(() => t.close());

const post = (url: string, headers: Record<string, string>, payload: unknown) =>
  t.app.inject({ method: 'POST', url, headers, payload: payload as object });

/**
 * POST /api/admin/staff as `by`: a `role` account named `username` at `place` (a college or an
 * organization, none for an admin). The display name is only a label.
 */
const createStaff = (
  by: SignedIn,
  role: Role,
  username: string,
  place: { collegeId?: string; organizationId?: string | null } = {},
  displayName = 'x',
) => post('/api/admin/staff', by.headers, { role, ...place, username, displayName });

/** POST /api/admin/schools/:id/colleges as `by`. */
const addCollege = (by: SignedIn, schoolId: string | null, name: string) =>
  post(`/api/admin/schools/${schoolId}/colleges`, by.headers, { name });

const auditRows = (action: string) =>
  t.database.db.select().from(auditLog).where(eq(auditLog.action, action));

const registryRowsOfPhone = (phone: string) =>
  t.database.db.select().from(personnelRegistry).where(eq(personnelRegistry.phone, phone));

describe('schools, colleges, institutions, staff', () => {
  it('the admin creates a school with colleges, listed publicly', async () => {
    const res = await post('/api/admin/schools', admin.headers, {
      name: '测试大学',
      colleges: ['计算机学院', '经济管理学院'],
    });
    expect(res.statusCode).toBe(201);
    expect(
      res
        .json()
        .colleges.map((c: { name: string }) => c.name)
        .sort(),
    ).toEqual(['经济管理学院', '计算机学院']);
    const dup = await post('/api/admin/schools', admin.headers, { name: '测试大学', colleges: [] });
    expect(dup.statusCode).toBe(409);
    const pub = await t.app.inject({ method: 'GET', url: '/api/public/schools' });
    expect(pub.json().find((s: { name: string }) => s.name === '测试大学').colleges).toHaveLength(
      2,
    );
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/admin/organizations?kind=school',
      headers: admin.headers,
    });
    expect(list.json().some((o: { id: string }) => o.id === res.json().id)).toBe(true);
  });

  it('an institution gets its opening points and a staff account with a one-time password', async () => {
    const res = await post('/api/admin/institutions', admin.headers, {
      name: '测试认证中心',
      openingPoints: 500,
      username: 'inst-one',
      displayName: '认证中心管理员',
    });
    expect(res.statusCode).toBe(201);
    const { organization, initialPassword } = res.json();
    expect(organization.pointsBalance).toBe(500);
    expect(initialPassword).toMatch(/^[A-Za-z0-9]{12}$/);
    const ledger = await t.database.db
      .select()
      .from(pointsLedger)
      .where(eq(pointsLedger.organizationId, organization.id));
    expect(ledger).toMatchObject([{ delta: 500, reason: '开户赠送' }]);
    const accountId = await findAccountIdByIdentifier(t.database.db, 'username', 'inst-one');
    const [account] = await t.database.db
      .select()
      .from(accounts)
      .where(eq(accounts.id, accountId!));
    expect(account!.mustChangePassword).toBe(true);
    expect(await verifyPassword(account!.passwordHash, initialPassword)).toBe(true);
    const audit = await auditRows('institution.create');
    expect(JSON.stringify(audit)).not.toContain(initialPassword);
  });

  it('school staff create college staff only for their own colleges', async () => {
    const schoolA = await signInAs(t.database.db, 'school');
    const schoolB = await signInAs(t.database.db, 'school');
    const collegeA = await createCollege(t.database.db, schoolA.organizationId!);
    const collegeB = await createCollege(t.database.db, schoolB.organizationId!);
    const ok = await createStaff(
      schoolA,
      'college',
      'college-a',
      { collegeId: collegeA.id },
      '计算机学院老师',
    );
    expect(ok.statusCode).toBe(201);
    expect(ok.json().initialPassword).toHaveLength(12);
    const other = await createStaff(schoolA, 'college', 'college-b', { collegeId: collegeB.id });
    expect(other.statusCode).toBe(404);
    const escalate = await createStaff(schoolA, 'school', 'school-extra', {
      organizationId: schoolA.organizationId,
    });
    expect(escalate.statusCode).toBe(404);
    const dupe = await createStaff(admin, 'college', 'college-a', { collegeId: collegeA.id });
    expect(dupe.statusCode).toBe(409);

    const listA = await t.app.inject({
      method: 'GET',
      url: '/api/admin/staff',
      headers: schoolA.headers,
    });
    expect(listA.statusCode).toBe(200);
    const namesA = listA.json().map((s: { username: string }) => s.username);
    expect(namesA).toContain('college-a');
    expect(
      listA
        .json()
        .every((s: { organizationId: string }) => s.organizationId === schoolA.organizationId),
    ).toBe(true);

    // a school adds colleges to itself only
    const addOwn = await addCollege(schoolA, schoolA.organizationId, '新学院');
    expect(addOwn.statusCode).toBe(201);
    const addOther = await addCollege(schoolA, schoolB.organizationId, '新学院');
    expect(addOther.statusCode).toBe(404);
    const audit = await auditRows('account.create');
    expect(audit.length).toBeGreaterThan(0);
  });

  it('the admin creates school staff for a school and admin staff without one', async () => {
    const school = await post('/api/admin/schools', admin.headers, {
      name: '员工大学',
      colleges: [],
    });
    const staff = await createStaff(
      admin,
      'school',
      'school-staff-1',
      { organizationId: school.json().id },
      '就业指导中心',
    );
    expect(staff.statusCode).toBe(201);
    const wrongKind = await createStaff(admin, 'institution', 'inst-wrong', {
      organizationId: school.json().id,
    });
    expect(wrongKind.statusCode).toBe(404);
    const adm = await createStaff(admin, 'admin', 'second-admin', {}, '运维');
    expect(adm.statusCode).toBe(201);
  });
});

const importFile = (name: string, bytes: Buffer, headers = admin.headers) => {
  const body = multipart(name, bytes);
  return t.app.inject({
    method: 'POST',
    url: '/api/admin/registry/import',
    headers: { ...headers, ...body.headers },
    payload: body.payload,
  });
};

async function xlsx(rows: (string | number)[][]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('认证人员');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const header = '手机号,姓名,证书编号,认证领域,岗位级别,地区';

describe('certified-personnel registry import', () => {
  it('imports a CSV, then re-import updates by phone and keeps the binding', async () => {
    const csv = `\uFEFF${header}\n13700000001,张三,C-001,QMS,高级审核员,上海市\n13700000002,李四,,,,\n`;
    const res = await importFile('registry.csv', Buffer.from(csv));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ inserted: 2, updated: 0 });

    const bound = await signInAs(t.database.db, 'seeker');
    await t.database.db
      .update(personnelRegistry)
      .set({ accountId: bound.accountId, boundAt: new Date() })
      .where(eq(personnelRegistry.phone, '13700000001'));

    const again = `${header}\n13700000001,张三丰,C-002,EMS,审核员,北京市\n13700000003,王五,,,,\n`;
    const res2 = await importFile('registry.csv', Buffer.from(again));
    expect(res2.json()).toEqual({ inserted: 1, updated: 1 });
    const [row] = await registryRowsOfPhone('13700000001');
    expect(row).toMatchObject({
      name: '张三丰',
      certificateNumber: 'C-002',
      accountId: bound.accountId,
    });
    const audit = await auditRows('registry.import');
    expect(audit).toHaveLength(2);
  });

  it('reports every bad CSV row and imports nothing', async () => {
    const csv = `${header}\n13700000011,甲,,,,\n1370000,乙,,,,\n13700000013,,,,,\n13700000011,丙,,,,\n`;
    const res = await importFile('bad.csv', Buffer.from(csv));
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('IMPORT_FAILED');
    expect(res.json().error.details.rows).toEqual([
      { row: 3, field: '手机号', message: '手机号格式不正确' },
      { row: 4, field: '姓名', message: '姓名不能为空' },
      { row: 5, field: '手机号', message: '与第 2 行手机号重复' },
    ]);
    const rows = await registryRowsOfPhone('13700000011');
    expect(rows).toHaveLength(0);
  });

  it('reports a missing column', async () => {
    const res = await importFile('cols.csv', Buffer.from('姓名,地区\n张三,上海\n'));
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details.rows[0]).toMatchObject({ row: 1, field: '手机号' });
  });

  it('reads a GB18030 CSV as Excel saves it on Chinese Windows', async () => {
    // "手机号,姓名\n13700000021,赵六" encoded in GB18030
    const gbk = Buffer.from('cad6bbfabac52cd0d5c3fb0a31333730303030303032312cd5d4c1f90a', 'hex');
    const res = await importFile('gbk.csv', gbk);
    expect(res.statusCode).toBe(200);
    const [row] = await registryRowsOfPhone('13700000021');
    expect(row!.name).toBe('赵六');
  });

  it('imports an XLSX (numeric phone cells too)', async () => {
    const bytes = await xlsx([
      ['手机号', '姓名', '证书编号', '认证领域', '岗位级别', '地区'],
      [13700000031, '孙七', 'X-1', 'OHSMS', '审核员', '杭州市'],
      ['13700000032', '周八'],
    ]);
    const res = await importFile('registry.xlsx', bytes);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ inserted: 2, updated: 0 });
  });

  it('an XLSX with one bad row imports nothing', async () => {
    const bytes = await xlsx([
      ['手机号', '姓名'],
      ['13700000041', '吴九'],
      ['abc', '郑十'],
    ]);
    const res = await importFile('bad.xlsx', bytes);
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details.rows).toEqual([
      { row: 3, field: '手机号', message: '手机号格式不正确' },
    ]);
    const rows = await registryRowsOfPhone('13700000041');
    expect(rows).toHaveLength(0);
  });

  it('refuses other file types and non-admins', async () => {
    expect((await importFile('x.csv', PNG_1X1)).statusCode).toBe(415);
    const school = await signInAs(t.database.db, 'school');
    expect((await importFile('x.csv', Buffer.from(header), school.headers)).statusCode).toBe(403);
  });

  it('serves the template', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/admin/registry/template.csv',
      headers: admin.headers,
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    expect(res.body.replace(/^\uFEFF/, '').trim()).toBe(header);
  });
});
