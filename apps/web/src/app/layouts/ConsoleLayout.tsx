import { Suspense, useState, type ReactNode } from 'react';
import { Button, Drawer, Layout, Menu, type MenuProps } from 'antd';
import { MenuOutlined } from '@ant-design/icons';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { PageLoading } from '../../components/feedback.tsx';
import { UserActions } from './UserActions.tsx';
import { flattenMenu, type NavItem } from '../navigation.tsx';
import { useIsMobile } from '../../lib/useIsMobile.ts';

function toMenuItems(items: NavItem[]): NonNullable<MenuProps['items']> {
  return items.map((item) =>
    item.children
      ? { key: item.path, icon: item.icon, label: item.label, children: toMenuItems(item.children) }
      : { key: item.path, icon: item.icon, label: item.label },
  );
}

/** The closest menu entry for the current path (longest matching prefix). */
function selectedKey(items: NavItem[], pathname: string): string | undefined {
  return flattenMenu(items)
    .map((item) => item.path)
    .filter((path) => pathname === path || pathname.startsWith(`${path}/`))
    .sort((a, b) => b.length - a.length)[0];
}

/** Left menu + top bar console used by employers, school/college staff, institutions, admins. */
export function ConsoleLayout({
  title,
  menu,
  headerExtra,
}: {
  title: string;
  menu: NavItem[];
  headerExtra?: ReactNode;
}) {
  const isMobile = useIsMobile();
  const [drawerOpen, setDrawerOpen] = useState(false);
  const location = useLocation();
  const navigate = useNavigate();
  const selected = selectedKey(menu, location.pathname);
  const openKeys = menu.filter((item) => item.children).map((item) => item.path);

  const nav = (
    <Menu
      mode="inline"
      items={toMenuItems(menu)}
      selectedKeys={selected ? [selected] : []}
      defaultOpenKeys={openKeys}
      onClick={({ key }) => {
        setDrawerOpen(false);
        navigate(key);
      }}
      style={{ borderInlineEnd: 'none' }}
    />
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        style={{
          display: 'flex',
          alignItems: 'center',
          gap: 12,
          padding: isMobile ? '0 8px' : '0 24px',
          background: '#fff',
          borderBottom: '1px solid #f0f0f0',
          position: 'sticky',
          top: 0,
          zIndex: 10,
          height: 56,
          lineHeight: '56px',
        }}
      >
        {isMobile && (
          <Button
            type="text"
            icon={<MenuOutlined />}
            aria-label="打开菜单"
            onClick={() => setDrawerOpen(true)}
          />
        )}
        <Link
          to="/"
          style={{ fontWeight: 600, fontSize: 16, whiteSpace: 'nowrap', color: '#1668e3' }}
        >
          {isMobile ? 'HireHall' : `HireHall · ${title}`}
        </Link>
        <div style={{ flex: 1, minWidth: 0, display: 'flex', justifyContent: 'flex-end' }}>
          {!isMobile && headerExtra}
        </div>
        <UserActions />
      </Layout.Header>
      <Layout>
        {!isMobile && (
          <Layout.Sider width={208} theme="light" style={{ borderRight: '1px solid #f0f0f0' }}>
            {nav}
          </Layout.Sider>
        )}
        <Layout.Content style={{ padding: isMobile ? 12 : 24, minWidth: 0 }}>
          {isMobile && headerExtra && <div style={{ marginBottom: 12 }}>{headerExtra}</div>}
          <Suspense fallback={<PageLoading />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
      {isMobile && (
        <Drawer
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          placement="left"
          size={260}
          title={title}
          styles={{ body: { padding: 0 } }}
        >
          {nav}
        </Drawer>
      )}
    </Layout>
  );
}
