import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  confirmFactsSchema,
  confirmedFactsSchema,
  correctFactsSchema,
  resumeAccessSchema,
  resumeAttachmentSchema,
  resumeSchema,
  saveResumeSchema,
  staffSeekerSchema,
  type ConfirmedFacts,
} from '@hirehall/shared/resumes';
import type { AppContext } from '../../platform/context.ts';
import { actorOf } from '../../platform/auth/access.ts';
import { AppError } from '../../platform/errors.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import {
  findAttachment,
  findResumeRow,
  findStaffSeekers,
  listAttachments,
  listResumeAccess,
  recordResumeAccess,
  softDeleteAttachment,
} from './resumes.repo.ts';
import {
  addAttachment,
  confirmFacts,
  correctFacts,
  factsOf,
  getOrCreateResume,
  resumeFileTypes,
  resumeFileUpload,
  saveResume,
  toAttachment,
  toResume,
} from './resumes.service.ts';
import {
  assertCanCorrectFacts,
  assertOrganizationMaySeeResume,
  staffSeekerScope,
} from './resumes.policy.ts';
import { receiveUpload, sendFile } from '../../platform/storage/uploads.ts';
import { acceptUploads } from '../../platform/storage/multipart.ts';

const seeker = { access: { roles: ['seeker'] } } as const;
const hiring = { access: { roles: ['employer', 'institution'] } } as const;
const staff = { access: { roles: ['school', 'college', 'admin'] } } as const;
const idParams = z.object({ id: z.uuid() });

export function resumesRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    await acceptUploads(app, ctx.config);
    app.get(
      '/api/resume',
      { config: seeker, schema: { tags: ['resumes'], response: { 200: resumeSchema } } },
      async (request) => {
        const actor = actorOf(request);
        return toResume(await getOrCreateResume(ctx.db, actor.accountId));
      },
    );

    app.put(
      '/api/resume',
      {
        config: seeker,
        schema: { tags: ['resumes'], body: saveResumeSchema, response: { 200: resumeSchema } },
      },
      async (request) => {
        const actor = actorOf(request);
        return ctx.db.transaction((tx) => saveResume(tx, actor, request.body));
      },
    );

    app.post(
      '/api/resume/facts',
      {
        config: seeker,
        schema: { tags: ['resumes'], body: confirmFactsSchema, response: { 200: resumeSchema } },
      },
      async (request) => {
        const actor = actorOf(request);
        return ctx.db.transaction((tx) => confirmFacts(tx, actor, request.body));
      },
    );

    app.get(
      '/api/staff/seekers',
      {
        config: staff,
        schema: {
          tags: ['resumes'],
          querystring: z.object({ q: z.string().trim().min(1, '请输入姓名或学号').max(50) }),
          response: { 200: z.array(staffSeekerSchema) },
        },
      },
      async (request) => {
        const scope = staffSeekerScope(actorOf(request));
        if (!scope) return [];
        const rows = await findStaffSeekers(ctx.db, scope, request.query.q);
        return rows.map((r) => ({
          accountId: r.account_id,
          name: r.name,
          studentNumber: r.student_number,
          graduationYear: r.graduation_year,
          major: r.major,
          facts: {
            educationLevel: r.education_level,
            politicalStatus: r.political_status,
            confirmedAt: r.facts_confirmed_at ? new Date(r.facts_confirmed_at).toISOString() : null,
          } as ConfirmedFacts,
        }));
      },
    );

    app.get(
      '/api/staff/seekers/:id/facts',
      {
        config: staff,
        schema: { tags: ['resumes'], params: idParams, response: { 200: confirmedFactsSchema } },
      },
      async (request) => {
        await assertCanCorrectFacts(ctx.db, actorOf(request), request.params.id);
        return factsOf(await findResumeRow(ctx.db, request.params.id));
      },
    );

    app.put(
      '/api/staff/seekers/:id/facts',
      {
        config: staff,
        schema: {
          tags: ['resumes'],
          params: idParams,
          body: correctFactsSchema,
          response: { 200: confirmedFactsSchema },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        return ctx.db.transaction((tx) => correctFacts(tx, actor, request.params.id, request.body));
      },
    );

    app.get(
      '/api/resume/attachments',
      {
        config: seeker,
        schema: { tags: ['resumes'], response: { 200: z.array(resumeAttachmentSchema) } },
      },
      async (request) => {
        const rows = await listAttachments(ctx.db, actorOf(request).accountId);
        return rows.map(toAttachment);
      },
    );

    app.post(
      '/api/resume/attachments',
      {
        config: seeker,
        schema: {
          tags: ['resumes'],
          consumes: ['multipart/form-data'],
          response: { 201: resumeAttachmentSchema },
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const upload = await receiveUpload(request, resumeFileTypes, resumeFileUpload);
        const attachment = await addAttachment(ctx.db, ctx.storage, actor, upload);
        return reply.status(201).send(attachment);
      },
    );

    app.delete(
      '/api/resume/attachments/:id',
      { config: seeker, schema: { tags: ['resumes'], params: idParams } },
      async (request, reply) => {
        const removed = await softDeleteAttachment(
          ctx.db,
          request.params.id,
          actorOf(request).accountId,
        );
        if (!removed) throw new AppError('NOT_FOUND');
        return reply.status(204).send();
      },
    );

    app.get(
      '/api/resume/attachments/:id/download',
      { config: seeker, schema: { tags: ['resumes'], params: idParams } },
      async (request, reply) => {
        const file = await findAttachment(ctx.db, request.params.id);
        if (!file || file.accountId !== actorOf(request).accountId) throw new AppError('NOT_FOUND');
        return sendFile(reply, ctx.storage, file, { download: true });
      },
    );

    app.get(
      '/api/resume/access-log',
      {
        config: seeker,
        schema: { tags: ['resumes'], response: { 200: z.array(resumeAccessSchema) } },
      },
      async (request) => {
        const rows = await listResumeAccess(ctx.db, actorOf(request).accountId);
        return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
      },
    );

    app.get(
      '/api/employer/resume-attachments/:id/download',
      { config: hiring, schema: { tags: ['resumes'], params: idParams } },
      async (request, reply) => {
        const actor = actorOf(request);
        const file = await ctx.db.transaction(async (tx) => {
          const found = await findAttachment(tx, request.params.id);
          if (!found) throw new AppError('NOT_FOUND');
          const grant = await assertOrganizationMaySeeResume(tx, actor, found.accountId, {
            attachmentId: found.id,
          });
          await recordResumeAccess(tx, {
            seekerAccountId: found.accountId,
            organizationId: grant.organizationId,
            actorAccountId: actor.accountId,
            kind: 'download',
            attachmentId: found.id,
            applicationId: grant.applicationId,
          });
          await recordAudit(tx, {
            actorAccountId: actor.accountId,
            actorRole: actor.role,
            action: 'resume.attachment_downloaded',
            targetType: 'resume_attachment',
            targetId: found.id,
            ip: request.ip,
            details: { seekerAccountId: found.accountId, applicationId: grant.applicationId },
          });
          return found;
        });
        return sendFile(reply, ctx.storage, file, { download: true });
      },
    );
  };
}
