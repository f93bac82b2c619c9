// @jsxRuntime automatic: tsx (npm run dev, benchmarks) does not read apps/server/tsconfig.json's
// `jsx`; esbuild and TypeScript take this pragma, so every .tsx file of the server starts with it
/** @jsxRuntime automatic */
import type { ReactNode } from 'react';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor, Role } from '../auth/actor.ts';
import { PAGE_CSS } from './html-page.css.ts';

/**
 * Server-rendered public pages (job search, fairs): the content is in the first response, with
 * one inline style sheet and no application JavaScript, so a phone on a slow network paints
 * it at once. Markup comes from React components rendered with `renderToStaticMarkup`, which
 * escapes every text and attribute; never build HTML from strings of user data. Links to the
 * rest of the platform (job detail, sign-in, workspaces) open the single-page app.
 */
export const SITE_NAME = 'HireHall 就业服务平台';

/** Where each role's workspace starts (the web app's `homePathOf`). */
const homePaths: Record<Role, string> = {
  seeker: '/seeker',
  employer: '/employer',
  institution: '/institution',
  school: '/school',
  college: '/school',
  admin: '/admin',
};

export function homePathOf(viewer: Pick<Actor, 'role' | 'mustChangePassword'>): string {
  return viewer.mustChangePassword ? '/password/change' : homePaths[viewer.role];
}

const chinaTime = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Shanghai',
  dateStyle: 'short',
  timeStyle: 'short',
});

/** Fairs happen in China: an instant as China wall-clock time, `2026-03-20 09:00`. */
export function formatChinaTime(at: string | Date): string {
  return chinaTime.format(new Date(at));
}

export type Section = 'jobs' | 'jobfairs';

export interface PageProps {
  /** the page's own title; the site name is appended in <title> */
  title: string;
  description: string;
  viewer: Actor | null;
  section?: Section;
  /** absolute URL of the page for search engines, without viewer-specific parameters */
  canonicalUrl?: string;
  /** a small inline script: a constant of the page's code, never built from user data */
  script?: string;
  children: ReactNode;
}

function Header({ viewer, section }: { viewer: Actor | null; section?: Section }) {
  const nav: [Section, string, string][] = [
    ['jobs', '/jobs', '职位搜索'],
    ['jobfairs', '/jobfairs', '招聘会'],
  ];
  return (
    <header className="hh-header">
      <a href="/" className="hh-brand">
        {SITE_NAME}
      </a>
      <nav aria-label="公共页面" className="hh-nav">
        {nav.map(([key, href, label]) => (
          <a key={key} href={href} aria-current={section === key ? 'page' : undefined}>
            {label}
          </a>
        ))}
      </nav>
      <div className="hh-account">
        {viewer ? (
          <a className="hh-button hh-primary" href={homePathOf(viewer)}>
            进入工作台
          </a>
        ) : (
          <>
            <a href="/login">登录</a>
            <a className="hh-button hh-primary" href="/register/seeker">
              注册
            </a>
          </>
        )}
      </div>
    </header>
  );
}

export function Page({
  title,
  description,
  viewer,
  section,
  canonicalUrl,
  script,
  children,
}: PageProps) {
  return (
    <html lang="zh-CN">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} - ${SITE_NAME}`}</title>
        <meta name="description" content={description} />
        <meta name="theme-color" content="#1677ff" />
        {canonicalUrl && <link rel="canonical" href={canonicalUrl} />}
        <link rel="icon" type="image/svg+xml" href="/icons/icon.svg" />
        <style dangerouslySetInnerHTML={{ __html: PAGE_CSS }} />
      </head>
      <body>
        <Header viewer={viewer} section={section} />
        <main className="hh-main">{children}</main>
        <footer className="hh-footer">{SITE_NAME} · 学校招聘、网签与求职服务</footer>
        {script && <script dangerouslySetInnerHTML={{ __html: script }} />}
      </body>
    </html>
  );
}

/** 404 and other errors of a public page, in Chinese, with a way on. */
export function ErrorPage({
  viewer,
  title,
  message,
  section,
}: {
  viewer: Actor | null;
  title: string;
  message: string;
  section?: Section;
}) {
  return (
    <Page title={title} description={message} viewer={viewer} section={section}>
      <div className="hh-result" role="alert">
        <h1>{title}</h1>
        <p>{message}</p>
        <p>
          <a className="hh-button hh-primary" href="/jobs">
            搜索职位
          </a>{' '}
          <a className="hh-button" href="/jobfairs">
            浏览招聘会
          </a>
        </p>
      </div>
    </Page>
  );
}

/**
 * Sends a rendered page. Anonymous visitors get a shared answer (the route's `httpCache` keeps
 * it briefly and adds the ETag); a signed-in viewer's header differs, so theirs is private.
 */
export async function sendPage(
  request: FastifyRequest,
  reply: FastifyReply,
  page: ReactNode,
  options: { status?: number; maxAgeSeconds?: number } = {},
) {
  // loaded on the first page, not at start-up (the API never needs it)
  const { renderToStaticMarkup } = await import('react-dom/server');
  const html = `<!doctype html>${renderToStaticMarkup(page)}`;
  const status = options.status ?? 200;
  return reply
    .code(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header(
      'cache-control',
      request.actor || status !== 200
        ? 'private, no-cache'
        : `public, max-age=${options.maxAgeSeconds ?? 15}`,
    )
    .header('vary', 'Cookie')
    .send(html);
}
