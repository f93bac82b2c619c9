import { useState } from 'react';
import { Button } from 'antd';
import { KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useAuth } from '../session.ts';
import { signOut as signOutCall } from '../../modules/accounts/api/accounts.api.ts';
import { NotificationBell } from '../../modules/notifications/components/NotificationBell.tsx';
import { useIsMobile } from '../../lib/useIsMobile.ts';
import { LazyDropdown } from '../../components/LazyOverlay.tsx';

const row = { display: 'inline-flex', alignItems: 'center' } as const;

/** 修改密码 / 退出 at the top right: buttons on desktop, a menu on phones. */
export function UserActions() {
  const { account } = useAuth();
  const navigate = useNavigate();
  const isMobile = useIsMobile();
  const [leaving, setLeaving] = useState(false);
  if (!account) return null;

  const leave = async () => {
    setLeaving(true);
    await signOutCall().catch(() => {});
    // A fresh page: nothing of this account (queries, sockets, forms) stays in memory, and
    // the signed-in area cannot redirect to its sign-in page half-way.
    window.location.replace('/');
  };

  if (isMobile) {
    return (
      <span style={row}>
        <NotificationBell />
        <LazyDropdown
          menu={{
            items: [
              { key: 'name', label: account.displayName, disabled: true },
              { key: 'password', icon: <KeyOutlined />, label: '修改密码' },
              { key: 'logout', icon: <LogoutOutlined />, label: '退出' },
            ],
            onClick: ({ key }) => {
              if (key === 'password') navigate('/password/change');
              if (key === 'logout') void leave();
            },
          }}
        >
          <Button type="text" icon={<UserOutlined />} aria-label="账号菜单" />
        </LazyDropdown>
      </span>
    );
  }
  return (
    <span style={{ ...row, gap: 4 }}>
      <NotificationBell />
      <span
        style={{
          display: 'inline-block',
          maxWidth: 200,
          overflow: 'hidden',
          textOverflow: 'ellipsis',
          whiteSpace: 'nowrap',
          verticalAlign: 'middle',
          marginRight: 4,
        }}
      >
        <UserOutlined /> {account.displayName}
      </span>
      <Button type="text" icon={<KeyOutlined />} onClick={() => navigate('/password/change')}>
        修改密码
      </Button>
      <Button type="text" icon={<LogoutOutlined />} loading={leaving} onClick={() => void leave()}>
        退出
      </Button>
    </span>
  );
}
