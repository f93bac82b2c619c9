import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { eq } from 'drizzle-orm';
import {
  latestPushJobSchema,
  pushJobSchema,
  signingSettingsBodySchema,
  signingSettingsViewSchema,
  signingStatsSchema,
  verificationSchema,
  type Verification,
} from '@hirehall/shared/agreements';
import { maskIdNumber } from '@hirehall/shared/validators';
import type { AppContext } from '../../platform/context.ts';
import { actorOf } from '../../platform/auth/access.ts';
import { AppError } from '../../platform/errors.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { hitCounter } from '../../platform/rate-counter.ts';
import { agreements } from './agreements.tables.ts';
import {
  findAgreementHead,
  getProvincialToken,
  getSigningSettings,
  idNumberOfAgreement,
  loadAgreementViews,
  saveProvincialToken,
  saveSigningSettings,
} from './agreements.repo.ts';
import { claimPushJob, findLatestPushJob, runPushJob, toPushJob } from './agreements.push.ts';
import { assertPublicEndpoint } from './provincial-endpoint.ts';
import { assertSees, staffSchoolOf } from './agreements.policy.ts';
import { renderAgreementPdf } from './agreements.pdf.ts';
import {
  auditExport,
  findReportRows,
  reportCsv,
  reportXlsx,
  signingStats,
} from './agreements.report.ts';
import { HttpJsonConnector, type ProvincialConnector } from './provincial-connector.ts';

const tags = ['agreements'];

/** The QR code's address: the configured public origin, never the request's Host header. */
export const verifyUrlOf = (publicUrl: string, code: string) =>
  `${publicUrl.replace(/\/$/, '')}/verify/${code}`;
const yearQuery = z.object({ graduationYear: z.coerce.number().int().min(2000).max(2100) });
const school = { access: { roles: ['school' as const] } };

export interface SchoolRoutesOptions {
  /** tests and deployments may replace the HTTP connector */
  connectorFor?: (endpoint: string, token: string | null) => ProvincialConnector;
}

/** School settings, dashboard, provincial report; the printed agreement and its public check. */
export function schoolSigningRoutes(
  ctx: AppContext,
  options: SchoolRoutesOptions = {},
): FastifyPluginAsyncZod {
  const connectorFor =
    options.connectorFor ??
    ((endpoint: string, token: string | null) =>
      new HttpJsonConnector(endpoint, {
        attempts: 4,
        baseDelayMs: ctx.config.env === 'test' ? 20 : 1000,
        ...(token ? { token } : {}),
      }));
  const allowPrivate = ctx.config.provincialAllowPrivate;
  /** pushes in flight in this process; closing the app waits for them */
  const running = new Set<Promise<void>>();
  const settingsView = async (schoolId: string) => ({
    ...(await getSigningSettings(ctx.db, schoolId)),
    provincialTokenSet: !!(await getProvincialToken(ctx.db, schoolId)),
  });

  return async (app) => {
    app.addHook('onClose', async () => {
      await Promise.allSettled([...running]);
    });

    app.get(
      '/api/school/signing-settings',
      { config: school, schema: { tags, response: { 200: signingSettingsViewSchema } } },
      async (request) => settingsView(staffSchoolOf(actorOf(request))),
    );

    app.put(
      '/api/school/signing-settings',
      {
        config: school,
        schema: {
          tags,
          body: signingSettingsBodySchema,
          response: { 200: signingSettingsViewSchema },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        const schoolId = staffSchoolOf(actor);
        const { provincialToken, ...settings } = request.body;
        if (settings.provincialEndpoint) {
          await assertPublicEndpoint(settings.provincialEndpoint, allowPrivate);
        }
        await ctx.db.transaction(async (tx) => {
          await saveSigningSettings(tx, schoolId, settings);
          if (provincialToken !== undefined) {
            await saveProvincialToken(tx, schoolId, provincialToken || null);
          }
          await recordAudit(tx, {
            actorAccountId: actor.accountId,
            actorRole: actor.role,
            action: 'school.signing_settings',
            targetType: 'school',
            targetId: schoolId,
            details: {
              ...settings,
              ...(provincialToken !== undefined ? { provincialTokenChanged: true } : {}),
            },
          });
        });
        return settingsView(schoolId);
      },
    );

    app.get(
      '/api/school/signing-stats',
      {
        config: school,
        schema: { tags, querystring: yearQuery, response: { 200: signingStatsSchema } },
      },
      async (request) =>
        signingStats(ctx.db, staffSchoolOf(actorOf(request)), request.query.graduationYear),
    );

    for (const format of ['csv', 'xlsx'] as const) {
      app.get(
        `/api/school/provincial-report.${format}`,
        { config: school, schema: { tags, querystring: yearQuery } },
        async (request, reply) => {
          const actor = actorOf(request);
          const year = request.query.graduationYear;
          const rows = await findReportRows(ctx.db, staffSchoolOf(actor), year);
          await auditExport(ctx.db, actor, year, format, rows.length);
          const name = encodeURIComponent(`签约数据上报-${year}.${format}`);
          reply.header('content-disposition', `attachment; filename*=UTF-8''${name}`);
          reply.header('cache-control', 'private, no-store');
          if (format === 'csv') {
            return reply.header('content-type', 'text/csv; charset=utf-8').send(reportCsv(rows));
          }
          return reply
            .header(
              'content-type',
              'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
            )
            .send(await reportXlsx(rows));
        },
      );
    }

    app.post(
      '/api/school/provincial-report/push',
      { config: school, schema: { tags, body: yearQuery, response: { 202: pushJobSchema } } },
      async (request, reply) => {
        const actor = actorOf(request);
        const schoolId = staffSchoolOf(actor);
        const settings = await getSigningSettings(ctx.db, schoolId);
        const endpoint = settings.provincialEndpoint;
        if (!endpoint) throw new AppError('BAD_REQUEST', '请先在签约设置中配置省级平台上报地址');
        await assertPublicEndpoint(endpoint, allowPrivate);
        const job = await claimPushJob(ctx.db, actor, request.body.graduationYear);
        // the push runs after the answer, outside the request; progress is in the job row
        const work = runPushJob(ctx.db, actor, job, async () => {
          await assertPublicEndpoint(endpoint, allowPrivate);
          return connectorFor(endpoint, await getProvincialToken(ctx.db, schoolId));
        }).catch((err: unknown) => request.log.error({ err }, 'provincial push failed'));
        running.add(work);
        void work.finally(() => running.delete(work));
        return reply.status(202).send(toPushJob(job));
      },
    );

    app.get(
      '/api/school/provincial-report/push',
      {
        config: school,
        schema: { tags, querystring: yearQuery, response: { 200: latestPushJobSchema } },
      },
      async (request) => ({
        job: await findLatestPushJob(
          ctx.db,
          staffSchoolOf(actorOf(request)),
          request.query.graduationYear,
        ),
      }),
    );

    app.get(
      '/api/agreements/:id/pdf',
      {
        config: { access: { roles: ['employer', 'seeker', 'college', 'school'] } },
        schema: { tags, params: z.object({ id: z.string().uuid() }) },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const head = assertSees(actor, await findAgreementHead(ctx.db, request.params.id));
        if (!head.agreementNumber || !head.verificationCode) {
          throw new AppError('CONFLICT', '协议尚未完成学校审核，暂不能打印');
        }
        const [view] = await loadAgreementViews(ctx.db, [head.id]);
        const idNumber = await idNumberOfAgreement(ctx.db, head);
        const ownsId = actor.role === 'seeker' && head.graduateAccountId === actor.accountId;
        const pdf = await renderAgreementPdf(view!, {
          idNumberShown: ownsId ? idNumber : maskIdNumber(idNumber),
          verifyUrl: verifyUrlOf(ctx.config.publicUrl, head.verificationCode),
          fingerprint: head.contentSha256 ?? '',
        });
        await ctx.db.transaction((tx) =>
          recordAudit(tx, {
            actorAccountId: actor.accountId,
            actorRole: actor.role,
            action: 'agreement.print',
            targetType: 'agreement',
            targetId: head.id,
          }),
        );
        const fileName = encodeURIComponent(`三方协议-${head.agreementNumber}.pdf`);
        return reply
          .header('content-type', 'application/pdf')
          .header(
            'content-disposition',
            `inline; filename="agreement.pdf"; filename*=UTF-8''${fileName}`,
          )
          .header('cache-control', 'private, no-store')
          .send(pdf);
      },
    );

    app.get(
      '/api/public/agreements/verify/:code',
      {
        config: { access: 'public' },
        schema: {
          tags,
          params: z.object({ code: z.string().trim().max(40) }),
          response: { 200: verificationSchema },
        },
      },
      async (request): Promise<Verification> => {
        if ((await hitCounter(ctx.db, `verify:ip:${request.ip}`, 60)) > 60) {
          throw new AppError('RATE_LIMITED');
        }
        const code = request.params.code.toUpperCase();
        const [a] = await ctx.db
          .select({
            agreementNumber: agreements.agreementNumber,
            status: agreements.status,
            reviewStatus: agreements.reviewStatus,
            signedAt: agreements.signedAt,
            contentSha256: agreements.contentSha256,
          })
          .from(agreements)
          .where(eq(agreements.verificationCode, code));
        if (!a) {
          return {
            exists: false,
            agreementNumber: null,
            status: null,
            statusLabel: null,
            signedAt: null,
            fingerprint: null,
          };
        }
        const status =
          a.status === 'terminated'
            ? 'terminated'
            : a.status === 'accepted'
              ? 'signed'
              : 'not_signed';
        const labels = {
          signed: '已签约（有效）',
          terminated: '已解约（失效）',
          not_signed: '无效',
        };
        return {
          exists: true,
          agreementNumber: a.agreementNumber,
          status,
          statusLabel: labels[status],
          signedAt: a.signedAt ? a.signedAt.toISOString().slice(0, 10) : null,
          fingerprint: a.contentSha256,
        };
      },
    );
  };
}
