/** Test helpers shared by the resumes, talent pool and applications tests. */
import { randomBytes } from 'node:crypto';
import type { Db } from '../../platform/db/database.ts';
import { jobPostings } from '../jobs/jobs.tables.ts';
import { pointsLedger } from '../organizations/organizations.tables.ts';

export async function createJob(
  db: Db,
  organizationId: string,
  overrides: Partial<typeof jobPostings.$inferInsert> = {},
) {
  const [job] = await db
    .insert(jobPostings)
    .values({
      organizationId,
      status: 'published',
      title: `电话销售${randomBytes(2).toString('hex')}`,
      occupation: '销售',
      salaryMin: 6500,
      salaryMax: 7499,
      district: '嘉定区',
      publishedAt: new Date(),
      ...overrides,
    })
    .returning();
  return job!;
}

export async function grantPoints(db: Db, organizationId: string, delta: number) {
  await db.insert(pointsLedger).values({ organizationId, delta, reason: 'grant', reference: null });
}

/** A multipart/form-data body with one file, for app.inject. */
export function multipart(
  fileName: string,
  bytes: Buffer,
  contentType = 'application/octet-stream',
) {
  const boundary = `----hirehall${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\n` +
      `Content-Type: ${contentType}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    payload: Buffer.concat([head, bytes, tail]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/** A tiny but real PDF. */
export const samplePdf = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);
