import { Button } from 'antd';
import { StatusResult } from '../components/StatusResult.tsx';
import { isRouteErrorResponse, useRouteError } from 'react-router';

/** Shown when a page fails to render or its code cannot be loaded (e.g. after an update). */
export function RouteError() {
  const error = useRouteError();
  const isChunk =
    error instanceof TypeError && /dynamically imported module|module script/i.test(error.message);
  if (isRouteErrorResponse(error) && error.status === 404) {
    return <StatusResult status="404" title="页面不存在" />;
  }
  return (
    <StatusResult
      status="warning"
      title={isChunk ? '页面已更新，请刷新后继续' : '页面出错了'}
      subTitle={
        isChunk
          ? '系统刚刚发布了新版本，刷新页面即可加载最新内容。'
          : '很抱歉，页面显示时出现问题。请刷新重试，如仍有问题请联系管理员。'
      }
      extra={
        <Button type="primary" onClick={() => window.location.reload()}>
          刷新页面
        </Button>
      }
    />
  );
}
