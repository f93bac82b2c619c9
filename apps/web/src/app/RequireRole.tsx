import type { ReactNode } from 'react';
import { Button } from 'antd';
import { Link, Navigate, useLocation } from 'react-router';
import { LoadFailed, PageLoading } from '../components/feedback.tsx';
import { StatusResult } from '../components/StatusResult.tsx';
import type { Role } from '../modules/accounts/api/accounts.api.ts';
import { homePathOf, lastPortal, useAuth } from './session.ts';

export function signInPathFor(roles: readonly Role[]): string {
  if (roles.includes('employer')) return '/login/employer';
  if (roles.includes('seeker')) {
    const portal = lastPortal();
    return portal === 'graduate' || portal === 'certified' ? `/login/${portal}` : '/login/seeker';
  }
  return '/login/staff';
}

/** Renders children only for a signed-in account with one of `roles`. */
export function RequireRole({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const { account, loadError, reload } = useAuth();
  const location = useLocation();
  if (account === undefined) {
    if (loadError) return <LoadFailed error={loadError} onRetry={reload} />;
    return <PageLoading />;
  }
  if (account === null) {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`${signInPathFor(roles)}?next=${next}`} replace />;
  }
  if (account.mustChangePassword) return <Navigate to="/password/change" replace />;
  if (!roles.includes(account.role)) {
    return (
      <StatusResult
        status="403"
        title="无权访问此页面"
        subTitle="当前登录的账号不能使用这个页面。"
        extra={
          <Link to={homePathOf(account)}>
            <Button type="primary">返回我的首页</Button>
          </Link>
        }
      />
    );
  }
  return <>{children}</>;
}
