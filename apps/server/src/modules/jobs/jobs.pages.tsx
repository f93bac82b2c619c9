/** @jsxRuntime automatic */
import type { FastifyPluginAsync } from 'fastify';
import { ageLimits, educationLevels, labelOf } from '@hirehall/shared/job-options';
import type { Banner, JobSearchQuery, JobSearchResult, JobSummary } from '@hirehall/shared/jobs';
import type { AppContext } from '../../platform/context.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { ErrorPage, Page, sendPage } from '../../platform/http/html-page.tsx';
import { searchJobs } from './jobs.repo.ts';
import { listBanners } from './jobs.banners.ts';
import {
  filterFields,
  Filters,
  parseSearchForm,
  searchUrl,
  type FormValues,
} from './jobs.search-form.tsx';

function JobCard({ job }: { job: JobSummary }) {
  return (
    <li>
      <a className="hh-link-card" href={`/jobs/${job.id}`}>
        <span className="hh-card-title">
          <strong>{job.title}</strong>
          <span className="hh-salary">{job.salaryText}</span>
        </span>
        <span className="hh-muted" style={{ display: 'block', margin: '4px 0' }}>
          {job.organizationName}
        </span>
        <span className="hh-tags">
          <span className="hh-tag">{labelOf(educationLevels, job.education)}</span>
          <span className="hh-tag">
            {job.ageMin ?? ageLimits.min}-{job.ageMax ?? ageLimits.max}岁
          </span>
          <span className="hh-tag">招{job.headcount ?? '若干'}人</span>
          {(job.district ?? job.region) && (
            <span className="hh-tag">{job.district ?? job.region}</span>
          )}
        </span>
      </a>
    </li>
  );
}

function Pager({ form, result }: { form: FormValues; result: JobSearchResult }) {
  const link = (page: number, label: string, rel: string, enabled: boolean) =>
    enabled ? (
      <a className="hh-button" rel={rel} href={searchUrl(form, { page: String(page) })}>
        {label}
      </a>
    ) : (
      <span className="hh-button" aria-disabled="true">
        {label}
      </span>
    );
  return (
    <nav className="hh-pager" aria-label="分页">
      {link(result.page - 1, '上一页', 'prev', result.page > 1)}
      <span aria-current="page">第 {result.page} 页</span>
      {link(result.page + 1, '下一页', 'next', result.hasMore)}
    </nav>
  );
}

function Banners({ banners }: { banners: Banner[] }) {
  if (!banners.length) return null;
  return (
    <div className="hh-banners">
      {banners.map((b) => {
        const inner = (
          <>
            {b.imageUrl && <img src={b.imageUrl} alt="" decoding="async" />}
            <span>{b.title}</span>
          </>
        );
        return b.linkUrl ? (
          <a key={b.id} className="hh-banner" href={b.linkUrl}>
            {inner}
          </a>
        ) : (
          <div key={b.id} className="hh-banner">
            {inner}
          </div>
        );
      })}
    </div>
  );
}

const sorts = [
  { value: 'newest', label: '最新发布' },
  { value: 'salary', label: '薪资最高' },
] as const;

export function JobSearchPage(props: {
  viewer: Actor | null;
  form: FormValues;
  query: JobSearchQuery;
  result: JobSearchResult;
  banners: Banner[];
  publicUrl: string;
}) {
  const { form, query, result } = props;
  const company = query.organizationId ? result.items[0]?.organizationName : undefined;
  const heading = query.organizationId ? `${company ?? '该单位'}的全部职位` : '职位搜索';
  const title = [
    query.q ? `“${query.q}”相关职位` : heading,
    query.page > 1 && `第 ${query.page} 页`,
  ]
    .filter(Boolean)
    .join(' · ');
  const filtered = Boolean(query.q) || filterFields.some((f) => form[f]);
  return (
    <Page
      title={title}
      description="HireHall 职位搜索：按职业名称、文化程度、年龄、工作性质、工作地区和薪资查找正在招聘的职位，手机也能方便浏览和投递。"
      viewer={props.viewer}
      section="jobs"
      canonicalUrl={`${props.publicUrl.replace(/\/$/, '')}${searchUrl(form)}`}
    >
      <div className="hh-narrow">
        <h1>{heading}</h1>
        {!filtered && !query.organizationId && <Banners banners={props.banners} />}
        <form method="get" action="/jobs" role="search" aria-label="职位搜索">
          <div className="hh-row">
            <input
              className="hh-input"
              type="search"
              name="q"
              defaultValue={form.q}
              placeholder="输入职业名称，如 技工、销售"
              aria-label="职位关键词"
              maxLength={50}
            />
            <button type="submit" className="hh-button hh-primary">
              搜索
            </button>
          </div>
          {form.organizationId && (
            <input type="hidden" name="organizationId" value={form.organizationId} />
          )}
          {form.sort && <input type="hidden" name="sort" value={form.sort} />}
          <Filters form={form} />
        </form>
        <nav className="hh-row" aria-label="排序">
          {sorts.map((s) => (
            <a
              key={s.value}
              className={`hh-button hh-small${query.sort === s.value ? ' hh-primary' : ''}`}
              aria-current={query.sort === s.value ? 'true' : undefined}
              href={searchUrl(form, {
                sort: s.value === 'newest' ? undefined : s.value,
                page: undefined,
              })}
            >
              {s.label}
            </a>
          ))}
          {query.organizationId && <a href={searchUrl({ q: form.q })}>查看全部单位的职位</a>}
        </nav>
        {result.items.length === 0 ? (
          <div className="hh-empty">
            <p style={{ margin: 0, fontSize: 16 }}>暂无职位</p>
            {filtered && (
              <p style={{ margin: '4px 0 0' }}>
                没有找到符合条件的职位，换个关键词或放宽筛选条件试试。
              </p>
            )}
          </div>
        ) : (
          <ul className="hh-list" aria-label="职位列表">
            {result.items.map((job) => (
              <JobCard key={job.id} job={job} />
            ))}
          </ul>
        )}
        {(result.page > 1 || result.hasMore) && <Pager form={form} result={result} />}
      </div>
    </Page>
  );
}

/** GET /jobs: the public job search as a server-rendered page (same query as /api/public/jobs). */
export function jobsPageRoutes(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    // /jobs/ would otherwise reach the web app's catch-all
    app.get('/jobs/', { config: { access: 'public' } }, (request, reply) => {
      const query = request.url.indexOf('?');
      return reply.redirect(query < 0 ? '/jobs' : `/jobs${request.url.slice(query)}`, 301);
    });

    app.get('/jobs', { config: { access: 'public', httpCache: true } }, async (request, reply) => {
      const viewer = request.actor;
      const { form, query } = parseSearchForm(request.query as Record<string, unknown>);
      if (!query) {
        return sendPage(
          request,
          reply,
          <ErrorPage
            viewer={viewer}
            section="jobs"
            title="搜索条件有误"
            message="链接中的筛选条件无法识别，请重新选择后搜索。"
          />,
          { status: 400 },
        );
      }
      const [result, banners] = await Promise.all([
        searchJobs(ctx.db, query),
        listBanners(ctx.db, { activeOnly: true }),
      ]);
      return sendPage(
        request,
        reply,
        <JobSearchPage
          viewer={viewer}
          form={form}
          query={query}
          result={result}
          banners={banners}
          publicUrl={ctx.config.publicUrl}
        />,
        { maxAgeSeconds: 30 },
      );
    });
  };
}
