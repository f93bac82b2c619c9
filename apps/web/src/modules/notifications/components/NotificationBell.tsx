import { lazy, Suspense, useEffect } from 'react';
import { Badge, Button, Spin } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useUnreadNotifications } from '../api/notifications.api.ts';
import { useAuth } from '../../../app/session.ts';
import { notificationsPathOf } from '../paths.ts';
import { closeSocket } from '../api/socket.ts';
import { LazyPopover } from '../../../components/LazyOverlay.tsx';

// the popover and the list (antd List, Typography) load when the bell is first opened, not with
// every page
const NotificationLatest = lazy(() => import('./NotificationLatest.tsx'));

/** The bell in every layout's header: a live unread badge and the latest notifications. */
export function NotificationBell() {
  const { account } = useAuth();
  if (!account || account.mustChangePassword) return null;
  return <Bell base={notificationsPathOf(account.role)} />;
}

function Bell({ base }: { base: string }) {
  const unread = useUnreadNotifications();
  // leaving the signed-in layouts (sign-out) ends the connection
  useEffect(() => () => closeSocket(), []);
  const count = unread.data ?? 0;
  return (
    <LazyPopover
      trigger="click"
      placement="bottomRight"
      content={
        <Suspense fallback={<Spin size="small" />}>
          <NotificationLatest base={base} />
        </Suspense>
      }
      title="通知"
    >
      <Badge
        count={count}
        size="small"
        offset={[-4, 4]}
        data-testid="notification-badge"
        title={`${count} 条未读通知`}
      >
        <Button type="text" icon={<BellOutlined />} aria-label={`通知（${count} 条未读）`} />
      </Badge>
    </LazyPopover>
  );
}
