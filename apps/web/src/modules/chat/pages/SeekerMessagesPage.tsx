import { Badge, Button, Card, Empty, List, Typography } from 'antd';
import { LeftOutlined } from '@ant-design/icons';
import { Link, useNavigate, useParams } from 'react-router';
import { useConversations } from '../api/chat.api.ts';
import { ChatPanel } from '../components/ChatPanel.tsx';
import { useIsMobile } from '../../../lib/useIsMobile.ts';

/** 消息 (seeker, phone first): employers' conversations; a tap opens the chat in place. */
export default function SeekerMessagesPage() {
  const { conversationId } = useParams();
  const list = useConversations();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const items = list.data?.items ?? [];
  const open = items.find((c) => c.id === conversationId);

  if (conversationId) {
    return (
      <div>
        <Button
          type="link"
          icon={<LeftOutlined />}
          onClick={() => navigate('/seeker/messages')}
          style={{ paddingLeft: 0 }}
        >
          返回消息列表
        </Button>
        {open && (
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
            应聘职位：{open.jobTitle}
          </Typography.Paragraph>
        )}
        <ChatPanel
          key={conversationId}
          conversationId={conversationId}
          side="seeker"
          peerName={open?.organizationName ?? '用人单位'}
          height={isMobile ? 'calc(100vh - 200px)' : 560}
        />
      </div>
    );
  }
  return (
    <Card title="消息" styles={{ body: { padding: isMobile ? 8 : 16 } }}>
      <List
        loading={list.isLoading}
        dataSource={items}
        locale={{
          emptyText: (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description="暂无消息。单位回复会显示在这里。"
            />
          ),
        }}
        renderItem={(c) => (
          <Link
            to={`/seeker/messages/${c.id}`}
            style={{ display: 'block', color: 'inherit' }}
            data-testid="conversation-item"
          >
            <List.Item>
              <List.Item.Meta
                title={
                  <span>
                    <Badge status={c.peerOnline ? 'success' : 'default'} /> {c.organizationName}
                    {c.flagged && (
                      <Typography.Text type="warning" style={{ fontSize: 12, marginLeft: 6 }}>
                        ⚠ 注意防骗
                      </Typography.Text>
                    )}
                  </span>
                }
                description={
                  <Typography.Text
                    type="secondary"
                    ellipsis
                    style={{ maxWidth: isMobile ? 220 : 520 }}
                  >
                    {c.jobTitle} · {c.lastMessage ?? '暂无消息'}
                  </Typography.Text>
                }
              />
              <Badge count={c.unread} data-testid="conversation-unread" />
            </List.Item>
          </Link>
        )}
      />
    </Card>
  );
}
