import { useEffect } from 'react';
import { Badge, Button, Empty, List, Popover, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useMarkRead, useNotifications, useUnreadNotifications } from '../api/notifications.api.ts';
import { useAuth } from '../../../app/session.ts';
import { notificationsPathOf } from '../paths.ts';
import { closeSocket } from '../api/socket.ts';

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
    <Popover trigger="click" placement="bottomRight" content={<Latest base={base} />} title="通知">
      <Badge
        count={count}
        size="small"
        offset={[-4, 4]}
        data-testid="notification-badge"
        title={`${count} 条未读通知`}
      >
        <Button type="text" icon={<BellOutlined />} aria-label={`通知（${count} 条未读）`} />
      </Badge>
    </Popover>
  );
}

function Latest({ base }: { base: string }) {
  const list = useNotifications(false);
  const markRead = useMarkRead();
  const navigate = useNavigate();
  const items = (list.data?.items ?? []).slice(0, 6);
  return (
    <div style={{ width: 300, maxWidth: '80vw' }}>
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无通知" />
      ) : (
        <List
          size="small"
          dataSource={items}
          renderItem={(n) => (
            <List.Item
              style={{ cursor: 'pointer', opacity: n.readAt ? 0.6 : 1 }}
              onClick={() => {
                if (!n.readAt) markRead.mutate({ ids: [n.id] });
                if (n.link) navigate(n.link);
              }}
            >
              <List.Item.Meta
                title={<Typography.Text strong={!n.readAt}>{n.title}</Typography.Text>}
                description={
                  <Typography.Text type="secondary" ellipsis>
                    {n.body}
                  </Typography.Text>
                }
              />
            </List.Item>
          )}
        />
      )}
      <div style={{ display: 'flex', justifyContent: 'space-between', marginTop: 8 }}>
        <Button size="small" type="link" onClick={() => markRead.mutate({ all: true })}>
          全部标为已读
        </Button>
        <Button size="small" type="link" onClick={() => navigate(base)}>
          查看全部
        </Button>
      </div>
    </div>
  );
}
