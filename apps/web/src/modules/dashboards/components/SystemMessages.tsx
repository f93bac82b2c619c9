import { Card, Empty, List, Typography } from 'antd';
import { NotificationOutlined } from '@ant-design/icons';

export interface Message {
  id: string;
  title: string;
  body: string;
  createdAt: string;
  readAt: string | null;
}

/** 系统消息 on a home page: the latest admin broadcasts and account notices. */
export function SystemMessages({ items }: { items: Message[] }) {
  return (
    <Card
      size="small"
      title={
        <>
          <NotificationOutlined /> 系统消息
        </>
      }
    >
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无系统消息" />
      ) : (
        <List
          size="small"
          dataSource={items}
          renderItem={(m) => (
            <List.Item key={m.id}>
              <List.Item.Meta
                title={<Typography.Text strong={!m.readAt}>{m.title}</Typography.Text>}
                description={
                  <>
                    {m.body && <div>{m.body}</div>}
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {new Date(m.createdAt).toLocaleString('zh-CN')}
                    </Typography.Text>
                  </>
                }
              />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
