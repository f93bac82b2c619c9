import { useState } from 'react';
import {
  Button,
  Card,
  Checkbox,
  Form,
  Input,
  List,
  Segmented,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useNavigate } from 'react-router';
import {
  channelLabels,
  externalChannels,
  type ExternalChannel,
} from '@hirehall/shared/notifications';
import { describeError } from '../../../lib/api.ts';
import {
  useMarkRead,
  useNotifications,
  usePreferences,
  useSavePreferences,
} from '../api/notifications.api.ts';
import { useFeedback } from '../../../app/AppFeedback.tsx';

/** 通知中心: the list with mark-read, and the channels per kind of event. */
export default function NotificationCenterPage() {
  const [tab, setTab] = useState<'all' | 'unread' | 'settings'>('all');
  return (
    <Card
      title="通知中心"
      extra={
        <Segmented
          value={tab}
          onChange={(v) => setTab(v as typeof tab)}
          options={[
            { label: '全部', value: 'all' },
            { label: '未读', value: 'unread' },
            { label: '接收设置', value: 'settings' },
          ]}
        />
      }
    >
      {tab === 'settings' ? (
        <PreferencesForm />
      ) : (
        <NotificationList unreadOnly={tab === 'unread'} />
      )}
    </Card>
  );
}

function NotificationList({ unreadOnly }: { unreadOnly: boolean }) {
  const list = useNotifications(unreadOnly);
  const markRead = useMarkRead();
  const navigate = useNavigate();
  return (
    <>
      <Button
        onClick={() => markRead.mutate({ all: true })}
        disabled={!list.data?.unread}
        style={{ marginBottom: 12 }}
      >
        全部标为已读
      </Button>
      <List
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: '暂无通知' }}
        renderItem={(n) => (
          <List.Item
            actions={[
              !n.readAt && (
                <Button
                  key="read"
                  size="small"
                  type="link"
                  onClick={() => markRead.mutate({ ids: [n.id] })}
                >
                  标为已读
                </Button>
              ),
              n.link && (
                <Button key="open" size="small" type="link" onClick={() => navigate(n.link!)}>
                  查看
                </Button>
              ),
            ].filter(Boolean)}
          >
            <List.Item.Meta
              title={
                <Space>
                  {!n.readAt && <Tag color="red">未读</Tag>}
                  <Typography.Text strong={!n.readAt}>{n.title}</Typography.Text>
                </Space>
              }
              description={
                <>
                  <div>{n.body}</div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {new Date(n.createdAt).toLocaleString('zh-CN')}
                  </Typography.Text>
                </>
              }
            />
          </List.Item>
        )}
      />
    </>
  );
}

function PreferencesForm() {
  const prefs = usePreferences();
  const save = useSavePreferences();
  const { message } = useFeedback();
  const [draft, setDraft] = useState<Record<string, ExternalChannel[]> | null>(null);
  const [email, setEmail] = useState<string | null>(null);
  if (!prefs.data) return null;
  const channelsOf = (kind: string) =>
    draft?.[kind] ?? prefs.data.items.find((i) => i.kind === kind)!.channels;
  const submit = () =>
    save.mutate(
      {
        items: prefs.data.items.map((i) => ({ kind: i.kind, channels: channelsOf(i.kind) })),
        ...(email !== null ? { email: email || null } : {}),
      },
      {
        onSuccess: () => message.success('已保存'),
        onError: (e) => message.error(describeError(e)),
      },
    );
  return (
    <Form layout="vertical" onFinish={submit}>
      <Typography.Paragraph type="secondary">
        站内消息始终接收；可为每类通知另选电子邮件、短信或微信公众号。手机号：
        {prefs.data.contacts.phoneMasked ?? '未绑定'}；微信：
        {prefs.data.contacts.wechatBound ? '已绑定' : '未绑定'}
      </Typography.Paragraph>
      <Form.Item label="接收通知的电子邮箱">
        <Input
          type="email"
          value={email ?? prefs.data.contacts.email ?? ''}
          onChange={(e) => setEmail(e.target.value)}
          style={{ maxWidth: 320 }}
        />
      </Form.Item>
      <Table
        size="small"
        rowKey="kind"
        pagination={false}
        dataSource={prefs.data.items}
        columns={[
          { title: '通知类型', dataIndex: 'label' },
          {
            title: '接收渠道（站内消息之外）',
            render: (_, item) => (
              <Checkbox.Group
                value={channelsOf(item.kind)}
                options={externalChannels.map((c) => ({ label: channelLabels[c], value: c }))}
                onChange={(v) =>
                  setDraft({ ...(draft ?? {}), [item.kind]: v as ExternalChannel[] })
                }
              />
            ),
          },
        ]}
      />
      <Button type="primary" htmlType="submit" loading={save.isPending} style={{ marginTop: 16 }}>
        保存设置
      </Button>
    </Form>
  );
}
