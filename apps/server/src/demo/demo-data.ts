import { and, eq, inArray } from 'drizzle-orm';
import { creditCodeCheckChar, idNumberCheckChar, idNumberFacts } from '@hirehall/shared/validators';
import type { Queryable, Tx } from '../platform/db/database.ts';
import { hashPassword } from '../platform/auth/passwords.ts';
import { insertAccount } from '../modules/accounts/accounts.repo.ts';
import { seekerProfiles } from '../modules/accounts/accounts.tables.ts';
import {
  admissions,
  colleges,
  graduateRecords,
  memberships,
  organizations,
  personnelRegistry,
  pointsLedger,
} from '../modules/organizations/organizations.tables.ts';
import { jobFairs } from '../modules/jobfairs/jobfairs.tables.ts';
import { OPENING_POINTS_REASON } from '../modules/organizations/admin.ts';

/**
 * Demo data (HIREHALL_DEMO, on by default): the school, fair and employers of seed 001 and
 * one account per role with fixed credentials that need no password change. Loaded once,
 * on an empty database; look-ups for other modules' demo data are `findDemoIds`.
 */

const creditCode = (first17: string) => first17 + creditCodeCheckChar(first17)!;
const idNumber = (first17: string) => first17 + idNumberCheckChar(first17);

export const DEMO_PASSWORD = 'Demo2020';
export const DEMO_PIN = '739182';

export const demo = {
  school: '才立方测试学院',
  colleges: ['计算机学院', '电子信息学院', '经济管理学院'],
  fair: {
    title: '2020届毕业生互联网电子行业线上招聘会',
    type: 'online' as const,
    startsAt: new Date('2020-03-20T09:00:00+08:00'),
    endsAt: new Date('2020-04-02T22:00:00+08:00'),
    city: '上海市',
    district: '嘉定区',
    address: '线上互联网招聘大厅',
    introduction: [
      '尊敬的用人单位：',
      '为方便用人单位选拔人才，服务毕业生就业，减少疫情对用人单位招聘、毕业生就业的影响，才立方测试学院定于2020年3月20日--4月2日举办“才立方测试学院2020届毕业生网上招聘会（第1场）”。',
      '诚邀广大用人单位参加！本次活动我校实行网上招聘、网上签约、网上一键上报签约信息到省平台等线上线下一站式省校一体化联动模式，方便用人单位、毕业生和学校在一个平台统一协同管理，请大家积极配合和踊跃报名参与。',
      '一、网上招聘会时间：2020年3月20日 09:00 — 2020年4月2日 22:00',
    ].join('\n\n'),
    status: 'published' as const,
  },
  employers: [
    { name: '才立方', shortName: '才立方', creditCode: creditCode('91310114MA1GT0001') },
    {
      name: '上海萃思软件有限公司',
      shortName: '萃思',
      creditCode: creditCode('91310114MA1CU0002'),
    },
    {
      name: '黑龙江才立方就业信息服务有限公司',
      shortName: '黑龙江才立方',
      creditCode: creditCode('91230100MA1HL0003'),
    },
    { name: '华为技术有限公司', shortName: '华为', creditCode: creditCode('91440300MA5HW0004') },
  ],
  institution: { name: '上海才立方人才评价认证中心', points: 1000 },
  staff: {
    admin: { username: 'demo-admin', displayName: '演示平台管理员' },
    school: { username: 'demo-school', displayName: '才立方测试学院就业指导中心' },
    college: { username: 'demo-college', displayName: '计算机学院就业办' },
    institution: { username: 'demo-institution', displayName: '认证中心管理员' },
  },
  seeker: { name: '张明', idNumber: idNumber('31011419980514123'), phone: '13900000001' },
  graduate: {
    name: '李华',
    studentNumber: 'D2020001',
    idNumber: idNumber('31011420020308245'),
    phone: '13900000002',
  },
  certified: { name: '王芳', phone: '13900000003', certificateNumber: 'CCAA-QMS-2020-0001' },
  unboundRegistry: { name: '赵强', phone: '13900000004', certificateNumber: 'CCAA-EMS-2020-0002' },
  unactivatedGraduate: {
    name: '陈静',
    studentNumber: 'D2020002',
    idNumber: idNumber('23010320011120366'),
    phone: '13900000005',
  },
} as const;

export interface DemoIds {
  schoolId: string;
  collegeIds: Record<string, string>;
  fairId: string;
  /** by full name */
  employerIds: Record<string, string>;
  institutionId: string;
  graduationYear: number;
}

/** Ids of the demo records, or null when the demo data is not loaded. */
export async function findDemoIds(q: Queryable): Promise<DemoIds | null> {
  const [school] = await q
    .select({ id: organizations.id })
    .from(organizations)
    .where(and(eq(organizations.kind, 'school'), eq(organizations.name, demo.school)));
  if (!school) return null;
  const cs = await q.select().from(colleges).where(eq(colleges.schoolId, school.id));
  const [fair] = await q
    .select({ id: jobFairs.id })
    .from(jobFairs)
    .where(and(eq(jobFairs.schoolId, school.id), eq(jobFairs.title, demo.fair.title)));
  const orgs = await q
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(
      inArray(organizations.name, [...demo.employers.map((e) => e.name), demo.institution.name]),
    );
  const byName = Object.fromEntries(orgs.map((o) => [o.name, o.id]));
  return {
    schoolId: school.id,
    collegeIds: Object.fromEntries(cs.map((c) => [c.name, c.id])),
    fairId: fair?.id ?? '',
    employerIds: Object.fromEntries(demo.employers.map((e) => [e.name, byName[e.name]!])),
    institutionId: byName[demo.institution.name]!,
    graduationYear: new Date().getFullYear(),
  };
}

/** Everything in one transaction; the caller checks that the database is empty first. */
export async function loadDemoData(tx: Tx): Promise<DemoIds> {
  const standardHash = await hashPassword(DEMO_PASSWORD);
  const pinHash = await hashPassword(DEMO_PIN);
  const year = new Date().getFullYear();

  const [school] = await tx
    .insert(organizations)
    .values({ kind: 'school', name: demo.school, shortName: '才立方' })
    .returning({ id: organizations.id });
  const schoolId = school!.id;
  const collegeRows = await tx
    .insert(colleges)
    .values(demo.colleges.map((name) => ({ schoolId, name })))
    .returning({ id: colleges.id, name: colleges.name });
  const collegeIds = Object.fromEntries(collegeRows.map((c) => [c.name, c.id]));
  const [fair] = await tx
    .insert(jobFairs)
    .values({ schoolId, ...demo.fair })
    .returning({ id: jobFairs.id });

  const employerIds: Record<string, string> = {};
  for (const e of demo.employers) {
    const [org] = await tx
      .insert(organizations)
      .values({
        kind: 'company',
        name: e.name,
        shortName: e.shortName,
        creditCode: e.creditCode,
        contactName: '招聘负责人',
        contactPhone: '13800000000',
        industry: '互联网/电子',
        notificationChannel: 'in_app',
      })
      .returning({ id: organizations.id });
    employerIds[e.name] = org!.id;
    const account = await insertAccount(tx, {
      role: 'employer',
      displayName: e.name,
      passwordHash: standardHash,
      identifiers: [
        { kind: 'credit_code', value: e.creditCode },
        { kind: 'org_name', value: e.name },
      ],
    });
    await tx.insert(memberships).values({ accountId: account.id, organizationId: org!.id });
    await tx.insert(admissions).values({
      employerId: org!.id,
      schoolId,
      graduationYear: year,
      status: 'approved',
      reviewedAt: new Date(),
    });
  }

  const [institution] = await tx
    .insert(organizations)
    .values({ kind: 'institution', name: demo.institution.name })
    .returning({ id: organizations.id });
  await tx.insert(pointsLedger).values({
    organizationId: institution!.id,
    delta: demo.institution.points,
    reason: OPENING_POINTS_REASON,
  });

  const staff = async (
    role: 'admin' | 'school' | 'college' | 'institution',
    organizationId: string | null,
    collegeId: string | null,
  ) => {
    const s = demo.staff[role];
    const account = await insertAccount(tx, {
      role,
      displayName: s.displayName,
      passwordHash: standardHash,
      identifiers: [{ kind: 'username', value: s.username }],
    });
    if (organizationId) {
      await tx.insert(memberships).values({ accountId: account.id, organizationId, collegeId });
    }
  };
  await staff('admin', null, null);
  await staff('school', schoolId, null);
  await staff('college', schoolId, collegeIds['计算机学院']!);
  await staff('institution', institution!.id, null);

  await loadDemoSeekers(
    tx,
    { schoolId, collegeId: collegeIds['计算机学院']!, year },
    {
      standardHash,
      pinHash,
    },
  );
  return {
    schoolId,
    collegeIds,
    fairId: fair!.id,
    employerIds,
    institutionId: institution!.id,
    graduationYear: year,
  };
}

async function loadDemoSeekers(
  tx: Tx,
  at: { schoolId: string; collegeId: string; year: number },
  hashes: { standardHash: string; pinHash: string },
) {
  const s = demo.seeker;
  const seeker = await insertAccount(tx, {
    role: 'seeker',
    displayName: s.name,
    passwordHash: hashes.pinHash,
    phone: s.phone,
    identifiers: [
      { kind: 'id_number', value: s.idNumber },
      { kind: 'phone', value: s.phone },
    ],
  });
  const facts = idNumberFacts(s.idNumber);
  await tx.insert(seekerProfiles).values({
    accountId: seeker.id,
    name: s.name,
    documentKind: 'id_card',
    idNumber: s.idNumber,
    gender: facts.gender,
    birthDate: facts.birthDate,
    verificationMethod: 'bank_card',
    verifiedAt: new Date(),
  });

  const g = demo.graduate;
  const graduate = await insertAccount(tx, {
    role: 'seeker',
    displayName: g.name,
    passwordHash: hashes.standardHash,
    phone: g.phone,
    identifiers: [
      { kind: 'student_number', value: `${at.schoolId}:${g.studentNumber}` },
      { kind: 'phone', value: g.phone },
    ],
  });
  const u = demo.unactivatedGraduate;
  await tx.insert(graduateRecords).values([
    {
      schoolId: at.schoolId,
      collegeId: at.collegeId,
      graduationYear: at.year,
      studentNumber: g.studentNumber,
      name: g.name,
      idNumber: g.idNumber,
      gender: idNumberFacts(g.idNumber).gender,
      major: '计算机科学与技术',
      degree: '本科',
      phone: g.phone,
      status: 'approved',
      accountId: graduate.id,
      activatedAt: new Date(),
    },
    {
      schoolId: at.schoolId,
      collegeId: at.collegeId,
      graduationYear: at.year,
      studentNumber: u.studentNumber,
      name: u.name,
      idNumber: u.idNumber,
      gender: idNumberFacts(u.idNumber).gender,
      major: '软件工程',
      degree: '本科',
      phone: u.phone,
      status: 'approved',
    },
  ]);

  const c = demo.certified;
  const certified = await insertAccount(tx, {
    role: 'seeker',
    displayName: c.name,
    passwordHash: hashes.standardHash,
    phone: c.phone,
    identifiers: [{ kind: 'phone', value: c.phone }],
  });
  await tx.insert(personnelRegistry).values([
    {
      phone: c.phone,
      name: c.name,
      certificateNumber: c.certificateNumber,
      certificationDomain: 'QMS',
      positionLevel: '高级审核员',
      region: '上海市',
      accountId: certified.id,
      boundAt: new Date(),
    },
    {
      phone: demo.unboundRegistry.phone,
      name: demo.unboundRegistry.name,
      certificateNumber: demo.unboundRegistry.certificateNumber,
      certificationDomain: 'EMS',
      positionLevel: '审核员',
      region: '江苏省',
    },
  ]);
}

/** The credentials printed at start (demo accounts only; never the real admin's). */
export function demoCredentialLines(ids: DemoIds): string[] {
  const caili = demo.employers[0];
  return [
    `演示账号（密码均无需修改）— demo accounts`,
    `  平台管理员  staff 登录  用户名 ${demo.staff.admin.username}  密码 ${DEMO_PASSWORD}`,
    `  学校        staff 登录  用户名 ${demo.staff.school.username}  密码 ${DEMO_PASSWORD}`,
    `  学院        staff 登录  用户名 ${demo.staff.college.username}  密码 ${DEMO_PASSWORD}`,
    `  认证机构    staff 登录  用户名 ${demo.staff.institution.username}  密码 ${DEMO_PASSWORD}（${demo.institution.points} 点）`,
    `  用人单位    单位登录    ${caili.name} 或 ${caili.creditCode}  密码 ${DEMO_PASSWORD}`,
    `              （另三家：${demo.employers
      .slice(1)
      .map((e) => `${e.name} ${e.creditCode}`)
      .join('；')}，密码相同）`,
    `  社会求职者  身份证号 ${demo.seeker.idNumber}  密码 ${DEMO_PIN}`,
    `  毕业生      学校 ${demo.school} 学号 ${demo.graduate.studentNumber} 或手机 ${demo.graduate.phone}  密码 ${DEMO_PASSWORD}`,
    `  认证人员    手机 ${demo.certified.phone}  密码 ${DEMO_PASSWORD}`,
    `  可试用流程：未绑定的认证人员手机 ${demo.unboundRegistry.phone}；未激活的毕业生 学号 ${demo.unactivatedGraduate.studentNumber}，身份证后6位 ${demo.unactivatedGraduate.idNumber.slice(-6)}（验证码见 /dev/outbox）`,
    `  学校 ${demo.school}（${ids.graduationYear} 届入驻已通过）`,
  ];
}
