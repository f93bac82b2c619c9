import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { fileTypeFromBuffer } from 'file-type';
import {
  collegeSchema,
  createCollegeBodySchema,
  createdStaffSchema,
  createInstitutionBodySchema,
  createSchoolBodySchema,
  createStaffBodySchema,
  organizationKinds,
  organizationSummarySchema,
  registryImportResultSchema,
  staffSchema,
} from '@hirehall/shared/organizations';
import type { AppContext } from '../../platform/context.ts';
import { actorOf } from '../../platform/auth/access.ts';
import { AppError } from '../../platform/errors.ts';
import { accessOf, authorize } from './organizations.policy.ts';
import { isUniqueViolation } from './organizations.repo.ts';
import {
  addCollege,
  createInstitution,
  createSchool,
  createStaff,
  listOrganizations,
  listStaff,
} from './admin.ts';
import { importRegistry, registryTemplateCsv, validateRegistrySheet } from './registry-import.ts';
import { readCsv, readXlsx } from '../../platform/spreadsheet.ts';
import { acceptUploads, isMultipart } from '../../platform/storage/multipart.ts';

const idParams = z.object({ id: z.uuid() });

const asDuplicate = (err: unknown) => {
  if (isUniqueViolation(err)) throw new AppError('DUPLICATE');
  throw err;
};

/** Platform administration: schools, colleges, institutions, staff, registry. */
export function adminRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    await acceptUploads(app, ctx.config);
    app.get(
      '/api/admin/organizations',
      {
        config: { access: accessOf('listOrganizations') },
        schema: {
          tags: ['admin'],
          querystring: z.object({ kind: z.enum(organizationKinds).optional() }),
          response: { 200: z.array(organizationSummarySchema) },
        },
      },
      async (request) => listOrganizations(ctx.db, request.query.kind),
    );

    app.post(
      '/api/admin/schools',
      {
        config: { access: accessOf('createSchool') },
        schema: {
          tags: ['admin'],
          body: createSchoolBodySchema,
          response: { 201: organizationSummarySchema },
        },
      },
      async (request, reply) => {
        const school = await ctx.db
          .transaction((tx) => createSchool(tx, actorOf(request), request.body, request.ip))
          .catch(asDuplicate);
        return reply.status(201).send(school);
      },
    );

    app.post(
      '/api/admin/schools/:id/colleges',
      {
        config: { access: accessOf('addCollege') },
        schema: {
          tags: ['admin'],
          params: idParams,
          body: createCollegeBodySchema,
          response: { 201: collegeSchema },
        },
      },
      async (request, reply) => {
        const college = await ctx.db
          .transaction((tx) =>
            addCollege(tx, actorOf(request), request.params.id, request.body.name),
          )
          .catch(asDuplicate);
        return reply.status(201).send(college);
      },
    );

    app.post(
      '/api/admin/institutions',
      {
        config: { access: accessOf('createInstitution') },
        schema: {
          tags: ['admin'],
          body: createInstitutionBodySchema,
          response: {
            201: z.object({ organization: organizationSummarySchema, initialPassword: z.string() }),
          },
        },
      },
      async (request, reply) => {
        const result = await ctx.db
          .transaction((tx) => createInstitution(tx, actorOf(request), request.body, request.ip))
          .catch(asDuplicate);
        return reply.status(201).header('cache-control', 'no-store').send(result);
      },
    );

    app.post(
      '/api/admin/staff',
      {
        config: { access: accessOf('createStaff') },
        schema: {
          tags: ['admin'],
          body: createStaffBodySchema,
          response: { 201: createdStaffSchema },
        },
      },
      async (request, reply) => {
        const result = await ctx.db
          .transaction((tx) => createStaff(tx, actorOf(request), request.body, request.ip))
          .catch(asDuplicate);
        return reply.status(201).header('cache-control', 'no-store').send(result);
      },
    );

    app.get(
      '/api/admin/staff',
      {
        config: { access: accessOf('listStaff') },
        schema: { tags: ['admin'], response: { 200: z.array(staffSchema) } },
      },
      async (request) => listStaff(ctx.db, actorOf(request)),
    );

    app.post(
      '/api/admin/registry/import',
      {
        config: { access: accessOf('importRegistry') },
        schema: {
          tags: ['admin'],
          consumes: ['multipart/form-data'],
          response: { 200: registryImportResultSchema },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        authorize(actor, 'importRegistry');
        if (!isMultipart(request)) throw new AppError('BAD_REQUEST', '请上传 CSV 或 Excel 文件');
        const part = await request.file();
        if (!part) throw new AppError('BAD_REQUEST', '请选择要导入的文件');
        const bytes = await part.toBuffer();
        const sniffed = await fileTypeFromBuffer(bytes);
        let format: 'csv' | 'xlsx';
        if (sniffed?.ext === 'xlsx') format = 'xlsx';
        else if (!sniffed && !bytes.includes(0)) format = 'csv';
        else throw new AppError('FILE_TYPE_NOT_ALLOWED', '仅支持 CSV 或 Excel（.xlsx）文件');
        const sheet = format === 'xlsx' ? await readXlsx(bytes) : readCsv(bytes);
        const rows = validateRegistrySheet(sheet);
        return ctx.db.transaction((tx) =>
          importRegistry(tx, actor, { rows, format, fileName: part.filename }, request.ip),
        );
      },
    );

    app.get(
      '/api/admin/registry/template.csv',
      { config: { access: accessOf('importRegistry') }, schema: { tags: ['admin'] } },
      async (_request, reply) =>
        reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header(
            'content-disposition',
            `attachment; filename="registry-template.csv"; filename*=UTF-8''${encodeURIComponent('认证人员信息库导入模板.csv')}`,
          )
          .send(registryTemplateCsv()),
    );
  };
}
