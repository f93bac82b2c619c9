import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { sql } from 'drizzle-orm';
import type { PushResult, SigningStats } from '@hirehall/shared/agreements';
import type { Actor } from '../../platform/auth/actor.ts';
import { queryRows, type Db, type Queryable } from '../../platform/db/database.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { ProvincialConnector, ProvincialRecord } from './provincial-connector.ts';

/** Column order and headers of the export; the JSON push uses the field names. */
export const reportColumns: { field: keyof ProvincialRecord; header: string }[] = [
  { field: 'agreementNumber', header: '协议编号' },
  { field: 'schoolName', header: '学校名称' },
  { field: 'graduationYear', header: '毕业年份' },
  { field: 'studentNumber', header: '学号' },
  { field: 'name', header: '姓名' },
  { field: 'idNumber', header: '身份证号' },
  { field: 'gender', header: '性别' },
  { field: 'collegeName', header: '学院' },
  { field: 'major', header: '专业' },
  { field: 'degree', header: '学历' },
  { field: 'employerName', header: '单位名称' },
  { field: 'employerCreditCode', header: '统一社会信用代码' },
  { field: 'position', header: '工作岗位' },
  { field: 'workLocation', header: '工作地点' },
  { field: 'monthlySalary', header: '月薪（元）' },
  { field: 'status', header: '协议状态' },
  { field: 'signedAt', header: '签约日期' },
  { field: 'terminatedAt', header: '解约日期' },
];

const day = (d: Date | string | null) => (d ? new Date(d).toISOString().slice(0, 10) : '');

export type ReportRow = ProvincialRecord & { agreementId: string };

/** Signed (school-approved) and terminated agreements of a school and year, by number. */
export async function findReportRows(
  q: Queryable,
  schoolId: string,
  year: number,
): Promise<ReportRow[]> {
  const rows = await queryRows<Record<string, string | number | null>>(
    q,
    sql`select a.id, a.agreement_number,
               coalesce(a.parties_snapshot->>'schoolName', s.name) as school_name,
               a.graduation_year,
               coalesce(p."studentNumber", g.student_number) as student_number,
               coalesce(p.name, g.name) as name, coalesce(p."idNumber", g.id_number) as id_number,
               case when a.parties_snapshot is null then g.gender else p.gender end as gender,
               case when a.parties_snapshot is null then c.name else p."collegeName" end as college_name,
               case when a.parties_snapshot is null then g.major else p.major end as major,
               case when a.parties_snapshot is null then g.degree else p.degree end as degree,
               a.employer_snapshot->>'name' as employer_name,
               a.employer_snapshot->>'creditCode' as employer_credit_code,
               a.terms->>'position' as position, a.terms->>'workLocation' as work_location,
               (a.terms->>'monthlySalary')::int as monthly_salary, a.status, a.signed_at,
               (select max(t.reviewed_at) from agreement_terminations t
                 where t.agreement_id = a.id and t.status = 'approved') as terminated_at
          from agreements a
          join graduate_records g on g.id = a.graduate_record_id
          join organizations s on s.id = a.school_id
          left join colleges c on c.id = g.college_id
          -- the parties as frozen at signing
          left join lateral jsonb_to_record(a.parties_snapshot->'graduate') as p(
            "studentNumber" text, name text, "idNumber" text, gender text,
            "collegeName" text, major text, degree text) on true
         where a.school_id = ${schoolId} and a.graduation_year = ${year}
           and a.agreement_number is not null and a.status in ('accepted', 'terminated')
         order by a.agreement_number`,
  );
  return rows.map((r) => ({
    agreementId: String(r.id),
    agreementNumber: String(r.agreement_number),
    schoolName: String(r.school_name),
    graduationYear: Number(r.graduation_year),
    studentNumber: String(r.student_number),
    name: String(r.name),
    idNumber: String(r.id_number),
    gender: r.gender === 'male' ? '男' : r.gender === 'female' ? '女' : '',
    collegeName: String(r.college_name ?? ''),
    major: String(r.major ?? ''),
    degree: String(r.degree ?? ''),
    employerName: String(r.employer_name ?? ''),
    employerCreditCode: String(r.employer_credit_code ?? ''),
    position: String(r.position ?? ''),
    workLocation: String(r.work_location ?? ''),
    monthlySalary: Number(r.monthly_salary ?? 0),
    status: r.status === 'terminated' ? 'terminated' : 'signed',
    signedAt: day(r.signed_at as string | null),
    terminatedAt: day(r.terminated_at as string | null),
  }));
}

const statusText = { signed: '已签约', terminated: '已解约' } as const;
const cellsOf = (r: ReportRow) =>
  reportColumns.map(({ field }) => (field === 'status' ? statusText[r.status] : r[field]));

/**
 * A text cell that a spreadsheet would take for a formula (=, +, -, @, or a leading tab or
 * carriage return) is prefixed with an apostrophe, so opening the export never runs one.
 * Numbers stay numbers.
 */
export function neutraliseFormula(v: string | number): string | number {
  return typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

export function reportCsv(rows: ReportRow[]): string {
  const data = rows.map((r) => cellsOf(r).map(neutraliseFormula));
  return `\uFEFF${Papa.unparse({ fields: reportColumns.map((c) => c.header), data }, { newline: '\r\n' })}\r\n`;
}

export async function reportXlsx(rows: ReportRow[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('签约数据');
  ws.addRow(reportColumns.map((c) => c.header)).font = { bold: true };
  for (const r of rows) ws.addRow(cellsOf(r));
  ws.columns.forEach((c) => (c.width = 16));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function auditExport(
  db: Db,
  actor: Actor,
  year: number,
  format: string,
  count: number,
) {
  await db.transaction((tx) =>
    recordAudit(tx, {
      actorAccountId: actor.accountId,
      actorRole: actor.role,
      action: 'agreements.report_export',
      targetType: 'school',
      targetId: actor.organizationId,
      details: { graduationYear: year, format, count },
    }),
  );
}

/**
 * 一键上报: each record once per reported state. The idempotency key (`<agreement>:<state>`)
 * is the same on every retry and every later push; delivered keys are never sent again.
 */
export async function pushReport(
  db: Db,
  actor: Actor,
  year: number,
  connector: ProvincialConnector,
  onProgress?: (result: PushResult, total: number) => Promise<unknown>,
): Promise<PushResult> {
  const rows = await findReportRows(db, actor.organizationId!, year);
  const result: PushResult = { delivered: 0, alreadyDelivered: 0, failed: 0, errors: [] };
  await onProgress?.(result, rows.length);
  for (const { agreementId, ...record } of rows) {
    if (result.delivered + result.alreadyDelivered + result.failed > 0) {
      await onProgress?.(result, rows.length);
    }
    const key = `${agreementId}:${record.status}`;
    const [state] = await queryRows<{ delivered_at: string | null }>(
      db,
      sql`insert into provincial_report_deliveries (idempotency_key, agreement_id, reported_status, attempts)
          values (${key}, ${agreementId}, ${record.status}, 0)
          on conflict (idempotency_key) do update set attempts = provincial_report_deliveries.attempts
          returning delivered_at`,
    );
    if (state?.delivered_at) {
      result.alreadyDelivered++;
      continue;
    }
    try {
      await connector.push(record, key);
      await db.execute(
        sql`update provincial_report_deliveries set delivered_at = now(), attempts = attempts + 1,
              last_error = null where idempotency_key = ${key}`,
      );
      result.delivered++;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      await db.execute(
        sql`update provincial_report_deliveries set attempts = attempts + 1, last_error = ${message.slice(0, 500)}
             where idempotency_key = ${key}`,
      );
      result.failed++;
      result.errors.push({ agreementNumber: record.agreementNumber, message });
    }
  }
  await db.transaction((tx) =>
    recordAudit(tx, {
      actorAccountId: actor.accountId,
      actorRole: actor.role,
      action: 'agreements.report_push',
      targetType: 'school',
      targetId: actor.organizationId,
      details: { graduationYear: year, delivered: result.delivered, failed: result.failed },
    }),
  );
  return result;
}

/** 统计: signing counts and rates by college and major over approved graduate records. */
export async function signingStats(
  q: Queryable,
  schoolId: string,
  year: number,
): Promise<SigningStats> {
  const rows = await queryRows<{
    college_name: string;
    major: string;
    graduates: number;
    signed: number;
    in_review: number;
    terminated: number;
  }>(
    q,
    sql`select coalesce(c.name, '未分配学院') as college_name, coalesce(g.major, '未填写') as major,
               count(*)::int as graduates,
               count(*) filter (where exists (select 1 from agreements a where a.graduate_record_id = g.id
                 and a.status = 'accepted' and a.review_status = 'approved'))::int as signed,
               count(*) filter (where exists (select 1 from agreements a where a.graduate_record_id = g.id
                 and a.status = 'accepted' and a.review_status in ('college_pending', 'school_pending')))::int as in_review,
               count(*) filter (where exists (select 1 from agreements a where a.graduate_record_id = g.id
                 and a.status = 'terminated'))::int as terminated
          from graduate_records g left join colleges c on c.id = g.college_id
         where g.school_id = ${schoolId} and g.graduation_year = ${year} and g.status = 'approved'
         group by 1, 2 order by 1, 2`,
  );
  const rate = (s: number, n: number) => (n === 0 ? 0 : Math.round((s / n) * 10000) / 10000);
  const mapped = rows.map((r) => ({
    collegeName: r.college_name,
    major: r.major,
    graduates: r.graduates,
    signed: r.signed,
    inReview: r.in_review,
    terminated: r.terminated,
    signingRate: rate(r.signed, r.graduates),
  }));
  const sum = (k: 'graduates' | 'signed' | 'inReview' | 'terminated') =>
    mapped.reduce((acc, r) => acc + r[k], 0);
  return {
    graduationYear: year,
    totals: {
      graduates: sum('graduates'),
      signed: sum('signed'),
      inReview: sum('inReview'),
      terminated: sum('terminated'),
      signingRate: rate(sum('signed'), sum('graduates')),
    },
    rows: mapped,
  };
}
