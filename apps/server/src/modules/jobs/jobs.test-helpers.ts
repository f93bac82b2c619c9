import type { FastifyInstance } from 'fastify';
import { AppError } from '../../platform/errors.ts';
import type { Db } from '../../platform/db/database.ts';
import { admissions } from '../organizations/organizations.tables.ts';

/** A complete, compliant posting body. */
export const goodJob = (over: Record<string, unknown> = {}) => ({
  title: '电话销售',
  occupation: '销售代表',
  description: '负责电话回访客户，维护客户关系。',
  skills: '普通话标准，沟通能力强',
  salaryMin: 6500,
  salaryMax: 7499,
  education: 'college',
  ageMin: 18,
  ageMax: 45,
  employmentType: 'full_time',
  district: '浦东新区',
  headcount: 3,
  probationMonths: 3,
  probationSalary: 5500,
  ...over,
});

export async function createPublishedJob(
  app: FastifyInstance,
  headers: Record<string, string>,
  over: Record<string, unknown> = {},
) {
  const created = await app.inject({
    method: 'POST',
    url: '/api/org/jobs',
    headers,
    payload: goodJob(over),
  });
  if (created.statusCode !== 201) throw new AppError('INTERNAL', `create failed: ${created.body}`);
  const res = await app.inject({
    method: 'POST',
    url: `/api/org/jobs/${created.json().id}/publish`,
    headers,
  });
  if (res.statusCode !== 200) throw new AppError('INTERNAL', `publish failed: ${res.body}`);
  return res.json() as { id: string; status: string; version: number };
}

export async function admit(db: Db, employerId: string, schoolId: string, year = 2026) {
  await db
    .insert(admissions)
    .values({ employerId, schoolId, graduationYear: year, status: 'approved' });
}
