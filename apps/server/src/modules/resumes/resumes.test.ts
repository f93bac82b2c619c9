import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import zlib from 'node:zlib';
import sharp from 'sharp';
import { strToU8, zipSync } from 'fflate';
import { and, eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { signInAs, type SignedIn } from '../../../test/fixtures.ts';
import { auditLog } from '../../platform/audit/audit.tables.ts';
import { graduateRecords } from '../organizations/organizations.tables.ts';
import { applications } from '../applications/applications.tables.ts';
import { createJob, multipart, samplePdf } from '../applications/applications.fixtures.ts';

let t: TestApp;
let seeker: SignedIn;
beforeAll(async () => {
  t = await createTestApp();
  seeker = await signInAs(t.database.db, 'seeker');
});
afterAll(() => t.close());

const inject = (
  who: SignedIn,
  method: 'GET' | 'PUT' | 'POST' | 'DELETE',
  url: string,
  body?: unknown,
) => t.app.inject({ method, url, headers: who.headers, payload: body as object });

async function upload(who: SignedIn, name: string, bytes: Buffer) {
  const form = multipart(name, bytes);
  return t.app.inject({
    method: 'POST',
    url: '/api/resume/attachments',
    headers: { ...who.headers, ...form.headers },
    payload: form.payload,
  });
}

describe('online resume', () => {
  it('creates the resume on first read and saves with a version check', async () => {
    const first = await inject(seeker, 'GET', '/api/resume');
    expect(first.statusCode).toBe(200);
    const resume = first.json();
    expect(resume.version).toBe(0);
    expect(resume.facts.confirmedAt).toBeNull();

    const content = {
      ...resume.content,
      basic: { ...resume.content.basic, name: '张三', city: '上海市', phone: '13812341234' },
      education: [
        {
          school: '复旦大学',
          major: '计算机',
          degree: '本科',
          startMonth: '2019-09',
          endMonth: '2023-06',
        },
      ],
      skills: ['TypeScript'],
    };
    const saved = await inject(seeker, 'PUT', '/api/resume', { content, version: 0 });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().version).toBe(1);
    expect(saved.json().content.education[0].school).toBe('复旦大学');

    const stale = await inject(seeker, 'PUT', '/api/resume', { content, version: 0 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
  });

  it('rejects invalid fields with a validation error', async () => {
    const res = await inject(seeker, 'PUT', '/api/resume', {
      content: { basic: { phone: '12' }, intention: {} },
      version: 1,
    });
    expect(res.statusCode).toBe(400);
  });

  it('is for seekers only', async () => {
    const employer = await signInAs(t.database.db, 'employer');
    expect((await inject(employer, 'GET', '/api/resume')).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/resume' })).statusCode).toBe(401);
  });
});

describe('confirmed facts', () => {
  it('locks education level and political status once confirmed', async () => {
    const s = await signInAs(t.database.db, 'seeker');
    const ok = await inject(s, 'POST', '/api/resume/facts', {
      educationLevel: 'bachelor',
      politicalStatus: 'cyl_member',
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().facts).toMatchObject({
      educationLevel: 'bachelor',
      politicalStatus: 'cyl_member',
    });
    expect(ok.json().facts.confirmedAt).not.toBeNull();

    const again = await inject(s, 'POST', '/api/resume/facts', {
      educationLevel: 'master',
      politicalStatus: 'masses',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('FACTS_LOCKED');

    // saving the resume never touches the facts
    const current = (await inject(s, 'GET', '/api/resume')).json();
    const saved = await inject(s, 'PUT', '/api/resume', {
      content: { ...current.content, educationLevel: 'master' },
      version: current.version,
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().facts.educationLevel).toBe('bachelor');
  });

  it('lets platform staff correct them, with an audit row', async () => {
    const s = await signInAs(t.database.db, 'seeker');
    await inject(s, 'POST', '/api/resume/facts', {
      educationLevel: 'college',
      politicalStatus: 'masses',
    });
    const admin = await signInAs(t.database.db, 'admin');
    const res = await inject(admin, 'PUT', `/api/staff/seekers/${s.accountId}/facts`, {
      educationLevel: 'bachelor',
      politicalStatus: 'cpc_member',
      reason: '学历证明已核验',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ educationLevel: 'bachelor', politicalStatus: 'cpc_member' });
    const [audit] = await t.database.db
      .select()
      .from(auditLog)
      .where(
        and(eq(auditLog.action, 'resume.facts_corrected'), eq(auditLog.targetId, s.accountId)),
      );
    expect(audit?.details).toMatchObject({
      before: { educationLevel: 'college', politicalStatus: 'masses' },
      after: { educationLevel: 'bachelor', politicalStatus: 'cpc_member' },
    });
    // still locked for the seeker
    const again = await inject(s, 'POST', '/api/resume/facts', {
      educationLevel: 'master',
      politicalStatus: 'masses',
    });
    expect(again.json().error.code).toBe('FACTS_LOCKED');
  });

  it('lets school staff correct only their own graduates', async () => {
    const s = await signInAs(t.database.db, 'seeker');
    const school = await signInAs(t.database.db, 'school');
    const body = { educationLevel: 'master', politicalStatus: 'masses', reason: '核对档案' };
    const outside = await inject(school, 'PUT', `/api/staff/seekers/${s.accountId}/facts`, body);
    expect(outside.statusCode).toBe(404);
    await t.database.db.insert(graduateRecords).values({
      schoolId: school.organizationId!,
      graduationYear: 2026,
      studentNumber: `S${Date.now()}`,
      name: '李四',
      idNumber: '110101200001011234',
      accountId: s.accountId,
    });
    const inside = await inject(school, 'PUT', `/api/staff/seekers/${s.accountId}/facts`, body);
    expect(inside.statusCode).toBe(200);
    const seekerTries = await inject(s, 'PUT', `/api/staff/seekers/${s.accountId}/facts`, body);
    expect(seekerTries.statusCode).toBe(403);
  });
});

describe('staff lookup for correcting facts', () => {
  it('finds own graduates by name or student number, with their facts; nobody else’s', async () => {
    const school = await signInAs(t.database.db, 'school');
    const otherSchool = await signInAs(t.database.db, 'school');
    const s = await signInAs(t.database.db, 'seeker');
    await inject(s, 'POST', '/api/resume/facts', {
      educationLevel: 'college',
      politicalStatus: 'masses',
    });
    const number = `L${Date.now()}`;
    await t.database.db.insert(graduateRecords).values([
      {
        schoolId: school.organizationId!,
        graduationYear: 2026,
        studentNumber: number,
        name: '查找_王五',
        idNumber: '110101200001011234',
        major: '会计',
        accountId: s.accountId,
      },
      {
        // not activated: no account, not listed
        schoolId: school.organizationId!,
        graduationYear: 2026,
        studentNumber: `${number}X`,
        name: '查找_未激活',
        idNumber: '110101200001015678',
      },
    ]);
    const found = await inject(
      school,
      'GET',
      `/api/staff/seekers?q=${encodeURIComponent('查找_')}`,
    );
    expect(found.statusCode).toBe(200);
    expect(found.json()).toEqual([
      {
        accountId: s.accountId,
        name: '查找_王五',
        studentNumber: number,
        graduationYear: 2026,
        major: '会计',
        facts: {
          educationLevel: 'college',
          politicalStatus: 'masses',
          confirmedAt: expect.any(String),
        },
      },
    ]);
    expect((await inject(school, 'GET', `/api/staff/seekers?q=${number}`)).json()).toHaveLength(1);
    // LIKE wildcards are taken literally
    expect((await inject(school, 'GET', '/api/staff/seekers?q=%25')).json()).toEqual([]);
    expect((await inject(otherSchool, 'GET', `/api/staff/seekers?q=${number}`)).json()).toEqual([]);
    expect((await inject(school, 'GET', '/api/staff/seekers?q=')).statusCode).toBe(400);
    expect((await inject(s, 'GET', `/api/staff/seekers?q=${number}`)).statusCode).toBe(403);

    const facts = await inject(school, 'GET', `/api/staff/seekers/${s.accountId}/facts`);
    expect(facts.json()).toMatchObject({ educationLevel: 'college', politicalStatus: 'masses' });
    expect(
      (await inject(otherSchool, 'GET', `/api/staff/seekers/${s.accountId}/facts`)).statusCode,
    ).toBe(404);
  });
});

describe('attachment resumes', () => {
  it('accepts a PDF and serves it back to its owner as a download', async () => {
    const res = await upload(seeker, '../../我的简历.exe.pdf', samplePdf);
    expect(res.statusCode).toBe(201);
    const att = res.json();
    expect(att.mimeType).toBe('application/pdf');
    expect(att.fileName).toBe('我的简历.exe.pdf');
    const list = await inject(seeker, 'GET', '/api/resume/attachments');
    expect(list.json().map((a: { id: string }) => a.id)).toContain(att.id);

    const dl = await inject(seeker, 'GET', `/api/resume/attachments/${att.id}/download`);
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-disposition']).toMatch(/^attachment; filename="/);
    expect(dl.headers['content-disposition']).toContain(encodeURIComponent('我的简历.exe.pdf'));
    expect(dl.rawPayload.equals(samplePdf)).toBe(true);
  });

  it('takes a Word 97–2003 file (OLE2) as application/msword, downloaded as an attachment', async () => {
    const ole2 = Buffer.concat([
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      Buffer.alloc(1016, 0),
    ]);
    const s = await signInAs(t.database.db, 'seeker'); // the shared seeker's 5 places stay free
    const res = await upload(s, ';简历;.doc', ole2);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ fileName: '简历.doc', mimeType: 'application/msword' });
    const dl = await inject(s, 'GET', `/api/resume/attachments/${res.json().id}/download`);
    expect(dl.headers['content-type']).toBe('application/msword');
    expect(dl.headers['content-disposition']).toMatch(/^attachment;/);
    expect(dl.rawPayload.equals(ole2)).toBe(true);
    const unnamed = await upload(s, '.pdf', samplePdf);
    expect(unnamed.json().fileName).toBe('简历.pdf');
  });

  it('judges the type from the bytes, not the name', async () => {
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 1)]);
    const res = await upload(seeker, 'resume.pdf', exe);
    expect(res.statusCode).toBe(415);
    expect(res.json().error.code).toBe('FILE_TYPE_NOT_ALLOWED');
    expect(res.json().error.message).toBe('附件简历仅支持 PDF、DOC、DOCX、JPG、PNG 格式');
    const html = await upload(
      seeker,
      'resume.png',
      Buffer.from('<html><script>alert(1)</script></html>'),
    );
    expect(html.statusCode).toBe(415);
  });

  it('re-encodes images, dropping EXIF metadata', async () => {
    const jpeg = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#c00' } })
      .jpeg()
      .withExif({ IFD0: { Copyright: 'secret-gps-owner', Artist: 'someone' } })
      .toBuffer();
    expect((await sharp(jpeg).metadata()).exif).toBeDefined();
    const res = await upload(seeker, 'photo.JPG', jpeg);
    expect(res.statusCode).toBe(201);
    expect(res.json().fileName).toBe('photo.jpg');
    const dl = await inject(seeker, 'GET', `/api/resume/attachments/${res.json().id}/download`);
    const meta = await sharp(dl.rawPayload).metadata();
    expect(meta.format).toBe('jpeg');
    expect(meta.exif).toBeUndefined();
    expect(dl.rawPayload.includes(Buffer.from('secret-gps-owner'))).toBe(false);
  });

  it('takes a DOCX (a ZIP holding word/document.xml) as the Word type, bytes kept', async () => {
    const docx = Buffer.from(
      zipSync(
        {
          '[Content_Types].xml': strToU8(
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
              '<Default Extension="xml" ContentType="application/xml"/>' +
              '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
          ),
          'word/document.xml': strToU8(
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>简历</w:t></w:r></w:p></w:body></w:document>',
          ),
        },
        { level: 0 },
      ),
    );
    const s = await signInAs(t.database.db, 'seeker');
    const res = await upload(s, '求职简历.zip', docx);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      fileName: '求职简历.docx',
      mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    });
    const dl = await inject(s, 'GET', `/api/resume/attachments/${res.json().id}/download`);
    expect(dl.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(dl.headers['content-disposition']).toMatch(/^attachment;/);
    expect(dl.rawPayload.equals(docx)).toBe(true);
    // a plain ZIP is not a resume
    const zip = Buffer.from(zipSync({ 'a.txt': strToU8('hello') }, { level: 0 }));
    expect((await upload(s, 'cv.docx', zip)).statusCode).toBe(415);
  });

  it('re-encodes PNGs: text chunks and bytes after the image are gone, pixels kept', async () => {
    const plain = await sharp({
      create: { width: 24, height: 16, channels: 4, background: { r: 0, g: 90, b: 200, alpha: 1 } },
    })
      .png()
      .toBuffer();
    // a tEXt chunk right after IHDR (8-byte signature + 25-byte IHDR chunk), and a trailer
    const text = Buffer.from('Comment\0owner-home-address-secret', 'latin1');
    const type = Buffer.from('tEXt', 'latin1');
    const chunk = Buffer.alloc(12 + text.length);
    chunk.writeUInt32BE(text.length, 0);
    type.copy(chunk, 4);
    text.copy(chunk, 8);
    chunk.writeUInt32BE(zlib.crc32(Buffer.concat([type, text])), 8 + text.length);
    const png = Buffer.concat([
      plain.subarray(0, 33),
      chunk,
      plain.subarray(33),
      Buffer.from('<script>appended</script>'),
    ]);
    expect((await sharp(png).metadata()).comments).toEqual([
      { keyword: 'Comment', text: 'owner-home-address-secret' },
    ]);
    const s = await signInAs(t.database.db, 'seeker');
    const res = await upload(s, 'photo.PNG', png);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ fileName: 'photo.png', mimeType: 'image/png' });
    const dl = await inject(s, 'GET', `/api/resume/attachments/${res.json().id}/download`);
    const stored = dl.rawPayload;
    expect(stored.equals(png)).toBe(false);
    expect(stored.includes(Buffer.from('owner-home-address-secret'))).toBe(false);
    expect(stored.includes(Buffer.from('appended'))).toBe(false);
    const meta = await sharp(stored).metadata();
    expect(meta).toMatchObject({ format: 'png', width: 24, height: 16 });
    expect(meta.comments).toBeUndefined();
    const { data } = await sharp(stored).raw().toBuffer({ resolveWithObject: true });
    expect([...data.subarray(0, 4)]).toEqual([0, 90, 200, 255]);
  });

  it('hides attachments from other seekers and from employers without an application', async () => {
    const res = await upload(seeker, 'cv.pdf', samplePdf);
    const id = res.json().id;
    const other = await signInAs(t.database.db, 'seeker');
    expect((await inject(other, 'GET', `/api/resume/attachments/${id}/download`)).statusCode).toBe(
      404,
    );
    expect((await inject(other, 'DELETE', `/api/resume/attachments/${id}`)).statusCode).toBe(404);
    const employer = await signInAs(t.database.db, 'employer');
    const denied = await inject(employer, 'GET', `/api/employer/resume-attachments/${id}/download`);
    expect(denied.statusCode).toBe(404);
  });

  it('lets an employer the seeker applied to download, audited and shown to the seeker', async () => {
    const s = await signInAs(t.database.db, 'seeker');
    const id = (await upload(s, 'cv.pdf', samplePdf)).json().id;
    const employer = await signInAs(t.database.db, 'employer');
    const job = await createJob(t.database.db, employer.organizationId!);
    const [application] = await t.database.db
      .insert(applications)
      .values({
        seekerAccountId: s.accountId,
        jobId: job.id,
        organizationId: employer.organizationId!,
        attachmentId: id,
        resumeSnapshot: {},
      })
      .returning();
    const dl = await inject(employer, 'GET', `/api/employer/resume-attachments/${id}/download`);
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-disposition']).toMatch(/^attachment;/);
    const audits = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'resume.attachment_downloaded'), eq(auditLog.targetId, id)));
    expect(audits).toHaveLength(1);
    expect(audits[0]!.actorAccountId).toBe(employer.accountId);
    const log = (await inject(s, 'GET', '/api/resume/access-log')).json();
    expect(log[0]).toMatchObject({
      kind: 'download',
      attachmentName: 'cv.pdf',
      jobTitle: job.title,
    });

    // withdrawing the application withdraws the consent
    await t.database.db
      .update(applications)
      .set({ status: 'withdrawn' })
      .where(eq(applications.id, application!.id));
    const after = await inject(employer, 'GET', `/api/employer/resume-attachments/${id}/download`);
    expect(after.statusCode).toBe(404);
  });

  it('lets an employer download only the attachment sent with an application to it', async () => {
    const s = await signInAs(t.database.db, 'seeker');
    const sent = (await upload(s, 'sent.pdf', samplePdf)).json().id;
    const kept = (await upload(s, 'private.pdf', samplePdf)).json().id;
    const employer = await signInAs(t.database.db, 'employer');
    const job = await createJob(t.database.db, employer.organizationId!);
    const applied = await inject(s, 'POST', '/api/applications', {
      jobId: job.id,
      attachmentId: sent,
    });
    expect(applied.statusCode).toBe(201);
    const dl = (id: string, who = employer) =>
      inject(who, 'GET', `/api/employer/resume-attachments/${id}/download`);
    expect((await dl(sent)).statusCode).toBe(200);
    expect((await dl(kept)).statusCode).toBe(404);
    // the candidate view lists the sent attachment only
    const detail = await inject(
      employer,
      'GET',
      `/api/employer/applications/${applied.json().application.id}`,
    );
    expect(detail.json().resume.attachments.map((a: { id: string }) => a.id)).toEqual([sent]);

    // an employer the seeker applied to without an attachment gets none of them
    const other = await signInAs(t.database.db, 'employer');
    const otherJob = await createJob(t.database.db, other.organizationId!);
    const plain = await inject(s, 'POST', '/api/applications', { jobId: otherJob.id });
    expect(plain.statusCode).toBe(201);
    expect((await dl(sent, other)).statusCode).toBe(404);
    expect((await dl(kept, other)).statusCode).toBe(404);
    const plainDetail = await inject(
      other,
      'GET',
      `/api/employer/applications/${plain.json().application.id}`,
    );
    expect(plainDetail.json().resume.attachments).toEqual([]);
    const downloads = (await inject(s, 'GET', '/api/resume/access-log')).json();
    expect(downloads.filter((a: { kind: string }) => a.kind === 'download')).toHaveLength(1);
  });

  it('stops sharing with the employer once the seeker withdraws the consent given by applying', async () => {
    const s = await signInAs(t.database.db, 'seeker');
    const id = (await upload(s, 'cv.pdf', samplePdf)).json().id;
    const employer = await signInAs(t.database.db, 'employer');
    const job = await createJob(t.database.db, employer.organizationId!);
    const applied = await inject(s, 'POST', '/api/applications', {
      jobId: job.id,
      attachmentId: id,
    });
    expect(applied.statusCode).toBe(201);
    const url = `/api/employer/resume-attachments/${id}/download`;
    expect((await inject(employer, 'GET', url)).statusCode).toBe(200);
    const [consent] = (await inject(s, 'GET', '/api/privacy/consents')).json();
    expect(consent).toMatchObject({ purpose: 'resume_share', withdrawnAt: null });
    const withdrawn = await inject(s, 'DELETE', `/api/privacy/consents/${consent.id}`);
    expect(withdrawn.statusCode).toBe(200);
    expect((await inject(employer, 'GET', url)).statusCode).toBe(404);
  });

  it('deletes an attachment', async () => {
    const id = (await upload(seeker, 'old.pdf', samplePdf)).json().id;
    expect((await inject(seeker, 'DELETE', `/api/resume/attachments/${id}`)).statusCode).toBe(204);
    expect((await inject(seeker, 'GET', `/api/resume/attachments/${id}/download`)).statusCode).toBe(
      404,
    );
  });
});

describe('attachment size limit', () => {
  let small: TestApp;
  beforeAll(async () => {
    small = await createTestApp({ HIREHALL_UPLOAD_MAX_MB: '0.001' });
  });
  afterAll(() => small.close());

  it('refuses files over the limit', async () => {
    const s = await signInAs(small.database.db, 'seeker');
    const big = Buffer.concat([samplePdf, Buffer.alloc(4000, 32)]);
    const form = multipart('big.pdf', big);
    const res = await small.app.inject({
      method: 'POST',
      url: '/api/resume/attachments',
      headers: { ...s.headers, ...form.headers },
      payload: form.payload,
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('FILE_TOO_LARGE');
  });
});
