import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  graduateImportResultSchema,
  graduateListQuerySchema,
  graduateListSchema,
  graduateRecordSchema,
  graduateRejectBodySchema,
  graduateYearQuerySchema,
} from '@hirehall/shared/graduates';
import type { AppContext } from '../../platform/context.ts';
import { actorOf } from '../../platform/auth/access.ts';
import { AppError } from '../../platform/errors.ts';
import { runIdempotent } from '../agreements/idempotency.ts';
import { listGraduates } from './graduates.repo.ts';
import { importGraduates, reviewGraduate } from './graduates.service.ts';
import { graduateTemplateCsv, graduateTemplateXlsx } from './graduates.sheet.ts';
import { collegeScopeOf, schoolOf } from './graduates.policy.ts';
import { acceptUploads, isMultipart } from '../../platform/storage/multipart.ts';

const idParams = z.object({ id: z.string().uuid() });
const tags = ['graduates'];

/** 生源信息: school import + college review (seed 002 §4.2 note). */
export function graduatesRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    await acceptUploads(app, ctx.config);
    app.get(
      '/api/school/graduates/template.csv',
      { config: { access: { roles: ['school'] } }, schema: { tags } },
      async (_request, reply) =>
        reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header(
            'content-disposition',
            `attachment; filename*=UTF-8''${encodeURIComponent('生源信息导入模板.csv')}`,
          )
          .send(graduateTemplateCsv()),
    );

    app.get(
      '/api/school/graduates/template.xlsx',
      { config: { access: { roles: ['school'] } }, schema: { tags } },
      async (_request, reply) =>
        reply
          .header(
            'content-type',
            'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          )
          .header(
            'content-disposition',
            `attachment; filename*=UTF-8''${encodeURIComponent('生源信息导入模板.xlsx')}`,
          )
          .send(await graduateTemplateXlsx()),
    );

    app.post(
      '/api/school/graduates/import',
      {
        config: { access: { roles: ['school'] } },
        schema: {
          tags,
          querystring: graduateYearQuerySchema,
          response: { 200: graduateImportResultSchema },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        if (!isMultipart(request))
          throw new AppError('BAD_REQUEST', '请以 multipart/form-data 上传文件');
        const part = await request.file();
        if (!part) throw new AppError('BAD_REQUEST', '请选择要上传的文件');
        const bytes = await part.toBuffer();
        if (part.file.truncated) throw new AppError('FILE_TOO_LARGE');
        const { body } = await runIdempotent(ctx.db, request, 'graduates.import', async (tx) => ({
          status: 200,
          body: await importGraduates(
            tx,
            actor,
            { graduationYear: request.query.graduationYear, bytes, fileName: part.filename ?? '' },
            request.ip,
          ),
        }));
        return body;
      },
    );

    app.get(
      '/api/school/graduates',
      {
        config: { access: { roles: ['school'] } },
        schema: {
          tags,
          querystring: graduateListQuerySchema,
          response: { 200: graduateListSchema },
        },
      },
      async (request) => {
        const schoolId = schoolOf(actorOf(request));
        return listGraduates(ctx.db, { schoolId }, request.query);
      },
    );

    app.get(
      '/api/college/graduates',
      {
        config: { access: { roles: ['college'] } },
        schema: {
          tags,
          querystring: graduateListQuerySchema,
          response: { 200: graduateListSchema },
        },
      },
      async (request) => {
        const scope = collegeScopeOf(actorOf(request));
        return listGraduates(ctx.db, scope, { ...request.query, collegeId: undefined });
      },
    );

    app.post(
      '/api/college/graduates/:id/approve',
      {
        config: { access: { roles: ['college'] } },
        schema: { tags, params: idParams, response: { 200: graduateRecordSchema } },
      },
      async (request) => {
        const actor = actorOf(request);
        const { body } = await runIdempotent(ctx.db, request, 'graduates.approve', async (tx) => ({
          status: 200,
          body: await reviewGraduate(
            tx,
            actor,
            { id: request.params.id, decision: 'approve' },
            request.ip,
          ),
        }));
        return body;
      },
    );

    app.post(
      '/api/college/graduates/:id/reject',
      {
        config: { access: { roles: ['college'] } },
        schema: {
          tags,
          params: idParams,
          body: graduateRejectBodySchema,
          response: { 200: graduateRecordSchema },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        const { body } = await runIdempotent(ctx.db, request, 'graduates.reject', async (tx) => ({
          status: 200,
          body: await reviewGraduate(
            tx,
            actor,
            { id: request.params.id, decision: 'reject', reason: request.body.reason },
            request.ip,
          ),
        }));
        return body;
      },
    );
  };
}
