import { and, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { GraduateListQuery, GraduateRecord } from '@hirehall/shared/graduates';
import { maskIdNumber, maskPhone } from '@hirehall/shared/validators';
import { queryRows, type Queryable } from '../../platform/db/database.ts';
import { colleges, graduateRecords } from '../organizations/organizations.tables.ts';
import type { GraduateRow } from './graduates.sheet.ts';

export type GraduateRecordRow = typeof graduateRecords.$inferSelect;

export async function findCollegesOfSchool(q: Queryable, schoolId: string) {
  return q
    .select({ id: colleges.id, name: colleges.name })
    .from(colleges)
    .where(eq(colleges.schoolId, schoolId));
}

/**
 * Upsert by (school, student number). Rows whose content is unchanged are not touched; a
 * changed row goes back to college review.
 */
export async function upsertGraduates(
  q: Queryable,
  input: {
    schoolId: string;
    graduationYear: number;
    rows: GraduateRow[];
    collegeIdByName: Map<string, string>;
  },
): Promise<{ inserted: number; updated: number }> {
  let inserted = 0;
  let updated = 0;
  for (let i = 0; i < input.rows.length; i += 500) {
    const batch = input.rows.slice(i, i + 500);
    const values = sql.join(
      batch.map(
        (r) =>
          sql`(${input.schoolId}::uuid, ${input.collegeIdByName.get(r.collegeName)!}::uuid, ${input.graduationYear}::int, ${r.studentNumber}, ${r.name}, ${r.idNumber}, ${r.gender}, ${r.major}, ${r.degree}, ${r.phone})`,
      ),
      sql`, `,
    );
    const result = await queryRows<{ inserted: boolean }>(
      q,
      sql`insert into graduate_records as g
            (school_id, college_id, graduation_year, student_number, name, id_number, gender,
             major, degree, phone)
          values ${values}
          on conflict (school_id, student_number) do update set
            college_id = excluded.college_id,
            graduation_year = excluded.graduation_year,
            name = excluded.name,
            id_number = excluded.id_number,
            gender = excluded.gender,
            major = excluded.major,
            degree = excluded.degree,
            phone = excluded.phone,
            status = 'imported',
            reason = null
          where (g.college_id, g.graduation_year, g.name, g.id_number, g.gender, g.major,
                 g.degree, g.phone)
                is distinct from
                (excluded.college_id, excluded.graduation_year, excluded.name,
                 excluded.id_number, excluded.gender, excluded.major, excluded.degree,
                 excluded.phone)
          returning (xmax = 0) as inserted`,
    );
    for (const r of result) {
      if (r.inserted) inserted++;
      else updated++;
    }
  }
  return { inserted, updated };
}

/** The school's records among these student numbers that have an accepted agreement. */
export async function findGraduatesWithActiveAgreement(
  q: Queryable,
  schoolId: string,
  studentNumbers: string[],
) {
  const found = new Map<
    string,
    {
      graduationYear: number;
      collegeName: string | null;
      name: string;
      idNumber: string;
      gender: string | null;
      major: string | null;
      degree: string | null;
      phone: string | null;
    }
  >();
  for (let i = 0; i < studentNumbers.length; i += 1000) {
    const batch = studentNumbers.slice(i, i + 1000);
    const rows = await q
      .select({
        studentNumber: graduateRecords.studentNumber,
        graduationYear: graduateRecords.graduationYear,
        collegeName: colleges.name,
        name: graduateRecords.name,
        idNumber: graduateRecords.idNumber,
        gender: graduateRecords.gender,
        major: graduateRecords.major,
        degree: graduateRecords.degree,
        phone: graduateRecords.phone,
      })
      .from(graduateRecords)
      .leftJoin(colleges, eq(colleges.id, graduateRecords.collegeId))
      .where(
        and(
          eq(graduateRecords.schoolId, schoolId),
          inArray(graduateRecords.studentNumber, batch),
          // accepted, in review, signed, or returned by a review and being amended
          sql`exists (select 1 from agreements a
                       where a.graduate_record_id = ${graduateRecords.id}
                         and (a.status = 'accepted'
                              or (a.status in ('draft', 'sent') and a.review_status = 'returned')))`,
        ),
      );
    for (const { studentNumber, ...r } of rows) found.set(studentNumber, r);
  }
  return found;
}

/** Student numbers of the school's records that carry one of these ID numbers. */
export async function findIdNumberOwners(q: Queryable, schoolId: string, idNumbers: string[]) {
  const owners = new Map<string, string[]>();
  for (let i = 0; i < idNumbers.length; i += 1000) {
    const batch = idNumbers.slice(i, i + 1000);
    const rows = await q
      .select({ idNumber: graduateRecords.idNumber, studentNumber: graduateRecords.studentNumber })
      .from(graduateRecords)
      .where(and(eq(graduateRecords.schoolId, schoolId), inArray(graduateRecords.idNumber, batch)));
    for (const r of rows)
      owners.set(r.idNumber, [...(owners.get(r.idNumber) ?? []), r.studentNumber]);
  }
  return owners;
}

export async function findGraduateRecord(q: Queryable, id: string) {
  const [row] = await q.select().from(graduateRecords).where(eq(graduateRecords.id, id));
  return row ?? null;
}

/** A status write: only from the state the caller saw; zero rows means someone was faster. */
export async function updateGraduateStatus(
  q: Queryable,
  input: { id: string; from: string; to: 'approved' | 'rejected'; reason: string | null },
) {
  const rows = await q
    .update(graduateRecords)
    .set({ status: input.to, reason: input.reason })
    .where(and(eq(graduateRecords.id, input.id), eq(graduateRecords.status, input.from as never)))
    .returning({ id: graduateRecords.id });
  return rows.length;
}

export async function listGraduates(
  q: Queryable,
  scope: { schoolId: string; collegeId?: string | null },
  query: GraduateListQuery,
): Promise<{ total: number; items: GraduateRecord[] }> {
  const conditions: (SQL | undefined)[] = [
    eq(graduateRecords.schoolId, scope.schoolId),
    eq(graduateRecords.graduationYear, query.graduationYear),
    scope.collegeId ? eq(graduateRecords.collegeId, scope.collegeId) : undefined,
    query.collegeId ? eq(graduateRecords.collegeId, query.collegeId) : undefined,
    query.status ? eq(graduateRecords.status, query.status) : undefined,
  ];
  if (query.q) {
    const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(
      or(
        ilike(graduateRecords.name, like),
        ilike(graduateRecords.studentNumber, like),
        ilike(graduateRecords.major, like),
      ),
    );
  }
  const where = and(...conditions);
  const [count] = await q
    .select({ n: sql<number>`count(*)::int` })
    .from(graduateRecords)
    .where(where);
  const rows = await q
    .select({ g: graduateRecords, collegeName: colleges.name })
    .from(graduateRecords)
    .leftJoin(colleges, eq(colleges.id, graduateRecords.collegeId))
    .where(where)
    .orderBy(graduateRecords.studentNumber)
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  return {
    total: count?.n ?? 0,
    items: rows.map(({ g, collegeName }) => toGraduateView(g, collegeName)),
  };
}

export function toGraduateView(g: GraduateRecordRow, collegeName: string | null): GraduateRecord {
  return {
    id: g.id,
    graduationYear: g.graduationYear,
    studentNumber: g.studentNumber,
    name: g.name,
    idNumberMasked: maskIdNumber(g.idNumber),
    gender: g.gender,
    collegeId: g.collegeId,
    collegeName,
    major: g.major,
    degree: g.degree,
    phoneMasked: g.phone ? maskPhone(g.phone) : null,
    status: g.status,
    reason: g.reason,
    isActivated: g.accountId !== null,
  };
}
