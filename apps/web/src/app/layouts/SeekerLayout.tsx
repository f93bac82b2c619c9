import { lazy, Suspense } from 'react';
import { Layout } from 'antd';
import { HomeOutlined, MessageOutlined, UserOutlined } from '@ant-design/icons';
import { Link, Outlet, useLocation } from 'react-router';
import { PageLoading } from '../../components/feedback.tsx';
import { UserActions } from './UserActions.tsx';
import { ChatUnreadBadge } from '../../modules/chat/components/ChatUnreadBadge.tsx';
import { IncomingCallNotice } from '../../modules/interviews/components/IncomingCallNotice.tsx';
import { useIsMobile } from '../../lib/useIsMobile.ts';

const SeekerTopMenu = lazy(() => import('./SeekerTopMenu.tsx'));

const tabs = [
  { path: '/seeker', label: '首页/招聘', short: '首页', icon: <HomeOutlined /> },
  { path: '/seeker/messages', label: '消息', short: '消息', icon: <MessageOutlined /> },
  { path: '/seeker/me', label: '我的', short: '我的', icon: <UserOutlined /> },
];

function activeTab(pathname: string): string {
  if (pathname.startsWith('/seeker/messages')) return '/seeker/messages';
  if (pathname === '/seeker' || pathname.startsWith('/seeker/jobs')) return '/seeker';
  if (pathname.startsWith('/seeker/jobfairs')) return '/seeker';
  return '/seeker/me';
}

/** The 消息 tab carries the live count of unread chat messages. */
function withUnread(path: string, label: string) {
  return path === '/seeker/messages' ? <ChatUnreadBadge>{label}</ChatUnreadBadge> : label;
}

/** Seeker: a bottom tab bar on phones, a top menu on desktop. */
export function SeekerLayout() {
  const isMobile = useIsMobile();
  const location = useLocation();
  const active = activeTab(location.pathname);

  return (
    <Layout style={{ minHeight: '100vh', background: '#f5f5f5' }}>
      <Layout.Header
        style={{
          display: 'flex',
          alignItems: 'center',
          gap: 16,
          background: '#fff',
          padding: isMobile ? '0 12px' : '0 24px',
          borderBottom: '1px solid #f0f0f0',
          height: 52,
          lineHeight: '52px',
          position: 'sticky',
          top: 0,
          zIndex: 10,
        }}
      >
        <Link to="/seeker" style={{ fontWeight: 600, fontSize: 16, color: '#1668e3' }}>
          HireHall 求职
        </Link>
        {isMobile ? (
          <div style={{ flex: 1 }} />
        ) : (
          <Suspense fallback={<div style={{ flex: 1 }} />}>
            <SeekerTopMenu
              active={active}
              items={tabs.map((tab) => ({
                key: tab.path,
                icon: tab.icon,
                label: withUnread(tab.path, tab.label),
              }))}
            />
          </Suspense>
        )}
        <UserActions />
      </Layout.Header>
      <Layout.Content
        style={{
          width: '100%',
          maxWidth: 960,
          margin: '0 auto',
          padding: isMobile ? '12px 12px 76px' : 24,
        }}
      >
        <IncomingCallNotice />
        <Suspense fallback={<PageLoading />}>
          <Outlet />
        </Suspense>
      </Layout.Content>
      {isMobile && (
        <nav
          aria-label="底部导航"
          style={{
            position: 'fixed',
            left: 0,
            right: 0,
            bottom: 0,
            height: 60,
            display: 'flex',
            background: '#fff',
            borderTop: '1px solid #f0f0f0',
            paddingBottom: 'env(safe-area-inset-bottom)',
            zIndex: 10,
          }}
        >
          {tabs.map((tab) => {
            const isActive = tab.path === active;
            return (
              <Link
                key={tab.path}
                to={tab.path}
                aria-current={isActive ? 'page' : undefined}
                style={{
                  flex: 1,
                  display: 'flex',
                  flexDirection: 'column',
                  alignItems: 'center',
                  justifyContent: 'center',
                  gap: 2,
                  fontSize: 12,
                  color: isActive ? '#1668e3' : 'rgba(0,0,0,0.65)',
                }}
              >
                <span style={{ fontSize: 20 }}>{tab.icon}</span>
                {withUnread(tab.path, tab.short)}
              </Link>
            );
          })}
        </nav>
      )}
    </Layout>
  );
}
