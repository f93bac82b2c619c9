import { Button, Empty, List, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { useMarkRead, useNotifications } from '../api/notifications.api.ts';

/** The latest notifications under the bell (NotificationBell), with 全部标为已读 and 查看全部. */
export default function Latest({ base }: { base: string }) {
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
