import { lazy, Suspense } from 'react';
import { Button, Layout } from 'antd';
import { Link, Outlet } from 'react-router';
import { PageLoading } from '../../components/feedback.tsx';
import { homePathOf, useAuth } from '../session.ts';
import { useIsMobile } from '../../lib/useIsMobile.ts';

// only for a signed-in visitor: the bell and the account menu stay out of the public pages' load
const UserActions = lazy(() =>
  import('./UserActions.tsx').then((m) => ({ default: m.UserActions })),
);

/** Landing, sign-in and registration pages. */
export function PublicLayout() {
  const { account } = useAuth();
  const isMobile = useIsMobile();
  return (
    <Layout style={{ minHeight: '100vh', background: '#f5f7fa' }}>
      <Layout.Header
        style={{
          display: 'flex',
          alignItems: 'center',
          gap: 12,
          background: '#fff',
          padding: isMobile ? '0 12px' : '0 24px',
          borderBottom: '1px solid #f0f0f0',
          height: 56,
          lineHeight: '56px',
        }}
      >
        <Link
          to="/"
          style={{ fontWeight: 600, fontSize: 17, color: '#1668e3', whiteSpace: 'nowrap' }}
        >
          HireHall 就业服务平台
        </Link>
        <div style={{ flex: 1 }} />
        {account && (
          <>
            {!account.mustChangePassword && (
              <Link to={homePathOf(account)}>
                <Button type="primary" size={isMobile ? 'small' : 'middle'}>
                  进入工作台
                </Button>
              </Link>
            )}
            <Suspense fallback={null}>
              <UserActions />
            </Suspense>
          </>
        )}
      </Layout.Header>
      <Layout.Content
        style={{
          width: '100%',
          maxWidth: 1100,
          margin: '0 auto',
          padding: isMobile ? '16px 12px 32px' : '32px 24px',
        }}
      >
        <Suspense fallback={<PageLoading />}>
          <Outlet />
        </Suspense>
      </Layout.Content>
      <Layout.Footer style={{ textAlign: 'center', color: 'rgba(0,0,0,0.62)', fontSize: 12 }}>
        HireHall 就业服务平台 · 学校招聘、网签与求职服务
      </Layout.Footer>
    </Layout>
  );
}
