import { useEffect } from 'react';
import { useLocation } from 'react-router';
import { PageLoading } from './feedback.tsx';
import { StatusResult } from './StatusResult.tsx';

/** The address this document was loaded at (the app's first render). */
const bootUrl = `${window.location.pathname}${window.location.search}`;

/**
 * The public job search and fair pages (/jobs, /jobfairs, /jobfairs/:id) are rendered by the
 * server as plain HTML, so a phone paints them without this app's JavaScript
 * (apps/server/src/modules/jobs/jobs.pages.tsx, jobfairs/jobfairs.pages.tsx). A link or a
 * redirect inside the app that reaches one of them loads it as a document instead; the
 * history entry is replaced, so 返回 leads to where the visitor came from. Should the app
 * itself have been served at such an address (a server without those pages), it says so
 * instead of reloading forever.
 */
export function ServerRenderedPage() {
  const { pathname, search } = useLocation();
  const url = `${pathname}${search}`;
  const servedHere = url === bootUrl;
  useEffect(() => {
    if (!servedHere) window.location.replace(url);
  }, [servedHere, url]);
  if (!servedHere) return <PageLoading />;
  return (
    <StatusResult
      status="warning"
      title="页面暂时无法打开"
      subTitle="请稍后刷新重试。"
      extra={<a href={url}>重新加载</a>}
    />
  );
}
