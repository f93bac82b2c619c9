/** @jsxRuntime automatic */
import type { ReactNode } from 'react';
import type { FastifyPluginAsync } from 'fastify';
import QRCode from 'qrcode';
import { z } from 'zod';
import { fairTypeLabels } from '@hirehall/shared/jobfair-options';
import type { Fair, FairEmployer } from '@hirehall/shared/jobfairs';
import type { AppContext } from '../../platform/context.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import {
  ErrorPage,
  formatChinaTime,
  homePathOf,
  Page,
  sendPage,
} from '../../platform/http/html-page.tsx';
import { findPublicFair, listFairEmployers, listPublicFairs } from './jobfairs.repo.ts';

/**
 * After the page is shown: count the visit (关注人次, kept apart so the page stays cacheable;
 * the page shows the count it was rendered with) and offer 分享 where the browser can share or
 * copy. A constant: the fair's id comes from the page's `data-fair-id`, never from this source.
 */
const FAIR_PAGE_SCRIPT = `(function(){var m=document.querySelector('[data-fair-id]');if(!m)return;
fetch('/api/public/fairs/'+m.getAttribute('data-fair-id')+'/visits',{method:'POST'}).catch(function(){});
var s=document.getElementById('hh-share');if(!s||!(navigator.share||navigator.clipboard))return;s.hidden=false;
s.addEventListener('click',function(){var u=location.href;if(navigator.share){navigator.share({url:u,title:document.title}).catch(function(){})}
else{navigator.clipboard.writeText(u).then(function(){s.textContent='链接已复制'},function(){})}})})();`;

const siteUrl = (publicUrl: string) => publicUrl.replace(/\/$/, '');

function Panel(props: { title?: string; id?: string; children: ReactNode }) {
  const headingId = props.id ? `${props.id}-title` : undefined;
  return (
    <section className="hh-panel" aria-labelledby={headingId}>
      {props.title && (
        <div className="hh-panel-head">
          <h2 id={headingId}>{props.title}</h2>
        </div>
      )}
      <div className="hh-panel-body">{props.children}</div>
    </section>
  );
}

/** 举报单位: the feedback form prefilled; signed-out people sign in as a seeker first. */
function reportUrl(viewer: Actor | null, organizationId: string) {
  const query = new URLSearchParams({
    kind: 'abuse',
    targetType: 'organization',
    targetId: organizationId,
  }).toString();
  if (!viewer) return `/login/seeker?next=${encodeURIComponent(`/seeker/feedback?${query}`)}`;
  return `${homePathOf(viewer)}/feedback?${query}`;
}

function EmployerCard(props: { employer: FairEmployer; fairId: string; viewer: Actor | null }) {
  const { employer: e, fairId, viewer } = props;
  const canReport = viewer?.role !== 'admin' && !viewer?.mustChangePassword;
  return (
    <section className="hh-panel" aria-label={e.shortName ?? e.name}>
      <div className="hh-panel-head">
        <h3 style={{ fontSize: 15, margin: 0 }}>{e.shortName ?? e.name}</h3>
      </div>
      <div className="hh-panel-body">
        {e.shortName && <div className="hh-muted">{e.name}</div>}
        <ul style={{ listStyle: 'none', margin: '0 0 4px', padding: 0 }}>
          {e.jobs.map((j) => (
            <li key={j.id} className="hh-job">
              <span>
                <a href={`/jobs/${j.id}?fairId=${fairId}`}>{j.title}</a>{' '}
                <span className="hh-salary">{j.salaryText}</span>
              </span>
              <a href={`/jobs/${j.id}?fairId=${fairId}`} aria-label={`投递简历：${j.title}`}>
                投递简历
              </a>
            </li>
          ))}
        </ul>
        <a href={`/jobs?organizationId=${e.organizationId}`}>查看该公司全部职位 &gt;</a>
        {canReport && (
          <a
            href={reportUrl(viewer, e.organizationId)}
            style={{ color: '#595959', fontSize: 12, marginLeft: 8 }}
          >
            举报单位
          </a>
        )}
      </div>
    </section>
  );
}

export function FairPage(props: {
  viewer: Actor | null;
  fair: Fair;
  employers: FairEmployer[];
  q: string;
  qrSvg: string;
  publicUrl: string;
}) {
  const { fair: f, employers, q, viewer } = props;
  const facts: [string, string][] = [
    ['招聘会类型', fairTypeLabels[f.type]],
    ['举办时间', `${formatChinaTime(f.startsAt)} — ${formatChinaTime(f.endsAt)}`],
    ['举办城市', [f.city, f.district].filter(Boolean).join(' - ')],
    ['举办地址', f.address],
    ['主办学校', f.schoolName],
  ];
  return (
    <Page
      title={f.title}
      description={`${f.schoolName}主办的${fairTypeLabels[f.type]}：参会企业 ${f.employerCount} 个，可投递职位 ${f.jobCount} 个，${formatChinaTime(f.startsAt)} 开始。`}
      viewer={viewer}
      section="jobfairs"
      canonicalUrl={`${siteUrl(props.publicUrl)}/jobfairs/${f.id}`}
      script={FAIR_PAGE_SCRIPT}
    >
      <div data-fair-id={f.id}>
        <Panel>
          <span className="hh-muted">一站式网络招聘会服务</span>
          <div style={{ fontSize: 16, margin: '4px 0' }}>
            参会企业 <b>{f.employerCount}</b> 个 | 可投递职位 <b>{f.jobCount}</b> 个 | 关注人次{' '}
            <b>{f.views}</b> 个
          </div>
          <h1 style={{ fontSize: 24, margin: '8px 0' }}>{f.title}</h1>
          <div className="hh-row">
            <span>浏览：{f.views}次</span>
            <details className="hh-qr">
              <summary className="hh-button hh-small">二维码</summary>
              <div
                role="img"
                aria-label="本页二维码，扫码查看"
                dangerouslySetInnerHTML={{ __html: props.qrSvg }}
              />
            </details>
            <button type="button" id="hh-share" className="hh-button hh-small" hidden>
              分享
            </button>
          </div>
          <dl className="hh-facts">
            {facts.map(([label, value]) => (
              <div key={label}>
                <dt>{label}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
          {viewer?.role === 'employer' && f.status === 'published' && (
            <a className="hh-button hh-primary" href="/employer/jobfairs">
              单位报名参加
            </a>
          )}
        </Panel>
        <Panel title="招聘会简介" id="intro">
          {f.invitation && <p style={{ margin: '0 0 1em' }}>{f.invitation}</p>}
          <div
            className="hh-intro"
            // plain-text introductions keep their line breaks
            style={f.introduction.includes('<') ? undefined : { whiteSpace: 'pre-wrap' }}
            // sanitized on the server with sanitize-html when it was saved
            dangerouslySetInnerHTML={{ __html: f.introduction }}
          />
        </Panel>
        <Panel title="参展企业" id="employers">
          <form
            method="get"
            action={`/jobfairs/${f.id}`}
            role="search"
            aria-label="搜索参展企业"
            className="hh-row"
          >
            <input
              className="hh-input"
              type="search"
              name="q"
              defaultValue={q}
              placeholder="输入单位名称、职位名称进行搜索"
              aria-label="搜索单位或职位"
              maxLength={50}
            />
            <button type="submit" className="hh-button hh-primary">
              搜索
            </button>
            <a className="hh-button" href={`/jobfairs/${f.id}`}>
              重置
            </a>
          </form>
          {employers.length === 0 ? (
            <div className="hh-empty">{q ? '没有符合条件的单位或职位' : '暂无参展企业'}</div>
          ) : (
            <div className="hh-grid">
              {employers.map((e) => (
                <EmployerCard key={e.organizationId} employer={e} fairId={f.id} viewer={viewer} />
              ))}
            </div>
          )}
        </Panel>
      </div>
    </Page>
  );
}

export function FairListPage({ viewer, fairs }: { viewer: Actor | null; fairs: Fair[] }) {
  return (
    <Page
      title="招聘会"
      description="HireHall 招聘会：学校举办的网络招聘会和现场招聘会，查看参会企业和可投递职位。"
      viewer={viewer}
      section="jobfairs"
    >
      <div style={{ maxWidth: 900, margin: '0 auto' }}>
        <h1>招聘会</h1>
        {fairs.length === 0 ? (
          <div className="hh-empty">暂无招聘会</div>
        ) : (
          <ul className="hh-list">
            {fairs.map((f) => (
              <li key={f.id}>
                <a className="hh-link-card" href={`/jobfairs/${f.id}`}>
                  <strong style={{ fontSize: 16 }}>{f.title}</strong>{' '}
                  {f.status === 'closed' ? (
                    <span className="hh-tag">已结束</span>
                  ) : (
                    <span className="hh-tag hh-tag-green">进行中</span>
                  )}
                  <span className="hh-muted" style={{ display: 'block', marginTop: 4 }}>
                    {fairTypeLabels[f.type]} · {f.schoolName} · {formatChinaTime(f.startsAt)} —{' '}
                    {formatChinaTime(f.endsAt)}
                  </span>
                  <span className="hh-muted" style={{ display: 'block' }}>
                    参会企业 {f.employerCount} 个 | 可投递职位 {f.jobCount} 个 | 关注人次 {f.views}
                  </span>
                </a>
              </li>
            ))}
          </ul>
        )}
      </div>
    </Page>
  );
}

const fairQuerySchema = z.object({ q: z.string().trim().max(50).optional().catch(undefined) });

/** GET /jobfairs and /jobfairs/:id as server-rendered pages (the data of /api/public/fairs…). */
export function fairPageRoutes(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    app.get(
      '/jobfairs',
      { config: { access: 'public', httpCache: true } },
      async (request, reply) =>
        sendPage(
          request,
          reply,
          <FairListPage viewer={request.actor} fairs={await listPublicFairs(ctx.db)} />,
        ),
    );

    app.get<{ Params: { id: string } }>(
      '/jobfairs/:id',
      { config: { access: 'public', httpCache: true } },
      async (request, reply) => {
        const viewer = request.actor;
        const { id } = request.params;
        if (id === '') return reply.redirect('/jobfairs', 301); // /jobfairs/
        const fair = z.uuid().safeParse(id).success ? await findPublicFair(ctx.db, id) : undefined;
        if (!fair) {
          return sendPage(
            request,
            reply,
            <ErrorPage
              viewer={viewer}
              section="jobfairs"
              title="招聘会不存在"
              message="您访问的招聘会不存在、尚未发布或已被删除。"
            />,
            { status: 404 },
          );
        }
        const q = fairQuerySchema.parse(request.query ?? {}).q || undefined;
        const url = `${siteUrl(ctx.config.publicUrl)}/jobfairs/${fair.id}`;
        const [employers, qrSvg] = await Promise.all([
          listFairEmployers(ctx.db, fair.id, q),
          QRCode.toString(url, { type: 'svg', margin: 1 }),
        ]);
        return sendPage(
          request,
          reply,
          <FairPage
            viewer={viewer}
            fair={fair}
            employers={employers}
            q={q ?? ''}
            qrSvg={qrSvg}
            publicUrl={ctx.config.publicUrl}
          />,
        );
      },
    );
  };
}
