import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { desc } from 'drizzle-orm';
import { z } from 'zod';
import { devOutboxMessageSchema } from '@hirehall/shared/accounts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { devOutbox } from './accounts.tables.ts';
import { devCaptchaAnswers } from './accounts.captcha.ts';

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

async function latestMessages(ctx: AppContext) {
  const rows = await ctx.db.select().from(devOutbox).orderBy(desc(devOutbox.createdAt)).limit(200);
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}

function outboxPage(messages: Awaited<ReturnType<typeof latestMessages>>) {
  const rows = messages
    .map(
      (m) =>
        `<tr><td>${escapeHtml(new Date(m.createdAt).toLocaleString('zh-CN', { hour12: false }))}</td>` +
        `<td>${escapeHtml(m.channel)}</td><td>${escapeHtml(m.recipient)}</td>` +
        `<td>${escapeHtml(m.content)}</td></tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta http-equiv="refresh" content="3">
<title>开发发件箱 · HireHall</title>
<style>
body{font-family:system-ui,"PingFang SC","Microsoft YaHei",sans-serif;margin:24px;color:#222}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #ddd;padding:6px 10px;text-align:left;vertical-align:top}
th{background:#f5f5f5}p.note{color:#666}
</style></head><body>
<h1>开发发件箱</h1>
<p class="note">开发环境不会真正发送短信、邮件或微信消息，所有消息都显示在这里（最新的在最上面，每3秒自动刷新）。</p>
<table><thead><tr><th>时间</th><th>渠道</th><th>接收方</th><th>内容</th></tr></thead>
<tbody>
${rows || '<tr><td colspan="4">暂无消息</td></tr>'}
</tbody></table>
</body></html>`;
}

/** Development tools only (`config.devTools`): the outbox of the development providers. */
export function devRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/dev/outbox', { config: { access: 'public' } }, async (_request, reply) => {
      reply.header('cache-control', 'no-store').type('text/html; charset=utf-8');
      return outboxPage(await latestMessages(ctx));
    });

    app.get(
      '/api/dev/outbox',
      {
        config: { access: 'public' },
        schema: { tags: ['dev'], response: { 200: z.array(devOutboxMessageSchema) } },
      },
      async () => latestMessages(ctx),
    );

    app.get(
      '/api/dev/captchas/:captchaId',
      {
        config: { access: 'public' },
        schema: {
          tags: ['dev'],
          params: z.object({ captchaId: z.string() }),
          response: { 200: z.object({ answer: z.string() }) },
        },
      },
      async (request) => {
        const entry = devCaptchaAnswers.get(request.params.captchaId);
        if (!entry || entry.expiresAt < Date.now()) throw new AppError('NOT_FOUND');
        return { answer: entry.answer };
      },
    );
  };
}
