import type { ReactNode } from 'react';
import { Button, Empty, Spin } from 'antd';
import type { UseQueryResult } from '@tanstack/react-query';
import { describeError, isApiError, NETWORK_ERROR } from '../lib/api.ts';
import { StatusResult } from './StatusResult.tsx';

export function PageLoading({ tip = '加载中…' }: { tip?: string }) {
  return (
    <div style={{ display: 'flex', justifyContent: 'center', padding: '64px 0' }}>
      <Spin size="large" description={tip} />
    </div>
  );
}

export function LoadFailed({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const offline = isApiError(error, NETWORK_ERROR);
  return (
    <StatusResult
      status={offline ? 'warning' : 'error'}
      title={offline ? '网络连接失败' : '加载失败'}
      subTitle={describeError(error)}
      extra={
        onRetry ? (
          <Button type="primary" onClick={onRetry}>
            重试
          </Button>
        ) : undefined
      }
    />
  );
}

/** Loading, error with retry, empty, or the data: the four states of every list. */
export function QueryView<T>({
  query,
  isEmpty,
  empty,
  children,
}: {
  query: UseQueryResult<T>;
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) return <PageLoading />;
  if (query.isError) return <LoadFailed error={query.error} onRetry={() => void query.refetch()} />;
  if (isEmpty?.(query.data)) return <>{empty ?? <Empty description="暂无数据" />}</>;
  return <>{children(query.data)}</>;
}

export function ComingSoon({ title }: { title: string }) {
  return (
    <Empty
      style={{ padding: '48px 0' }}
      image={Empty.PRESENTED_IMAGE_SIMPLE}
      description={
        <>
          <div style={{ fontSize: 16, marginBottom: 4 }}>「{title}」即将上线</div>
          <div style={{ color: 'rgba(0,0,0,0.45)' }}>该功能正在建设中，敬请期待</div>
        </>
      }
    />
  );
}
