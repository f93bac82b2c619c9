import { idNumberCheckChar } from '@hirehall/shared/validators';
import type { Db } from '../../platform/db/database.ts';
import { graduateRecords } from '../organizations/organizations.tables.ts';

/** Test data: a valid ID number whose sequence encodes `n` and the gender. */
export function fakeIdNumber(n: number, gender: 'male' | 'female' = 'male'): string {
  const seq = String((n % 50) * 2 + (gender === 'male' ? 1 : 0)).padStart(3, '0');
  const first17 = `11010520030${String((n % 9) + 1)}1${String(Math.floor(n / 50) % 9)}${seq}`;
  return first17 + idNumberCheckChar(first17);
}

/** An approved (signable) graduate record, straight in the database. */
export async function insertGraduate(
  db: Db,
  input: {
    schoolId: string;
    collegeId: string;
    graduationYear?: number;
    n: number;
    status?: 'imported' | 'approved' | 'rejected';
    accountId?: string | null;
    major?: string;
  },
) {
  const [row] = await db
    .insert(graduateRecords)
    .values({
      schoolId: input.schoolId,
      collegeId: input.collegeId,
      graduationYear: input.graduationYear ?? 2026,
      studentNumber: `S${String(input.n).padStart(6, '0')}`,
      name: `学生${input.n}`,
      idNumber: fakeIdNumber(input.n),
      gender: 'male',
      major: input.major ?? '软件工程',
      degree: '本科',
      phone: `138${String(input.n).padStart(8, '0')}`,
      status: input.status ?? 'approved',
      accountId: input.accountId ?? null,
    })
    .returning();
  return row!;
}
