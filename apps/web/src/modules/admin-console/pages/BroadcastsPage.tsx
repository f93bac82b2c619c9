import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Checkbox, Form, Input, Space, Table, Tag, Typography } from 'antd';
import type { BroadcastRecord } from '@hirehall/shared/admin';
import { describeError } from '../../../lib/api.ts';
import { listBroadcasts, sendBroadcast } from '../api/admin-console.api.ts';
import { useFeedback } from '../../../app/AppFeedback.tsx';

const audience = [
  { value: 'seeker', label: '求职者' },
  { value: 'employer', label: '用人单位' },
  { value: 'institution', label: '认证机构' },
  { value: 'school', label: '学校' },
  { value: 'college', label: '学院' },
];
const audienceLabel = Object.fromEntries(audience.map((a) => [a.value, a.label]));

const time = (iso: string) =>
  new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });

interface Draft {
  title: string;
  body: string;
  roles: string[];
}

/** 系统消息: write a broadcast to chosen roles; see the ones sent before. */
export default function BroadcastsPage() {
  const { message, modal } = useFeedback();
  const client = useQueryClient();
  const [form] = Form.useForm<Draft>();
  const [page, setPage] = useState(1);
  const sent = useQuery({
    queryKey: ['admin', 'broadcasts', page],
    queryFn: () => listBroadcasts(page),
  });
  const send = useMutation({
    mutationFn: sendBroadcast,
    onSuccess: () => {
      form.resetFields();
      void message.success('系统消息已发送');
      void client.invalidateQueries({ queryKey: ['admin', 'broadcasts'] });
    },
    onError: (e) => void message.error(describeError(e)),
  });
  const confirmSend = (draft: Draft) =>
    modal.confirm({
      title: '发送系统消息',
      content: `将发送给：${draft.roles.map((r) => audienceLabel[r]).join('、')}。发送后不能撤回。`,
      okText: '发送',
      cancelText: '取消',
      onOk: () => send.mutateAsync(draft),
    });
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        系统消息
      </Typography.Title>
      <Card size="small" title="发布系统消息">
        <Form<Draft>
          form={form}
          layout="vertical"
          initialValues={{ roles: ['seeker', 'employer'] }}
          onFinish={confirmSend}
          style={{ maxWidth: 640 }}
        >
          <Form.Item
            name="title"
            label="标题"
            rules={[{ required: true, whitespace: true, message: '请填写标题' }]}
          >
            <Input maxLength={60} showCount />
          </Form.Item>
          <Form.Item
            name="body"
            label="内容"
            rules={[{ required: true, whitespace: true, message: '请填写内容' }]}
          >
            <Input.TextArea rows={4} maxLength={2000} showCount />
          </Form.Item>
          <Form.Item
            name="roles"
            label="接收对象"
            rules={[{ required: true, type: 'array', min: 1, message: '请选择接收对象' }]}
          >
            <Checkbox.Group options={audience} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={send.isPending}>
            发送
          </Button>
        </Form>
      </Card>
      <Card size="small" title="已发送">
        <Table<BroadcastRecord>
          rowKey="id"
          size="small"
          loading={sent.isFetching}
          dataSource={sent.data?.items ?? []}
          scroll={{ x: 720 }}
          pagination={{
            current: page,
            pageSize: 20,
            total: sent.data?.total ?? 0,
            onChange: setPage,
            showSizeChanger: false,
          }}
          columns={[
            { title: '标题', dataIndex: 'title', width: 180 },
            {
              title: '内容',
              dataIndex: 'body',
              render: (body: string) => (
                <Typography.Paragraph
                  ellipsis={{ rows: 2, expandable: true }}
                  style={{ margin: 0 }}
                >
                  {body}
                </Typography.Paragraph>
              ),
            },
            {
              title: '接收对象',
              dataIndex: 'roles',
              render: (roles: string[]) =>
                roles.map((r) => <Tag key={r}>{audienceLabel[r] ?? r}</Tag>),
            },
            { title: '发送时间', dataIndex: 'createdAt', render: time, width: 170 },
            {
              title: '送达',
              width: 110,
              render: (_, b) =>
                b.deliveredAt ? `${b.recipients} 人` : <Tag color="processing">发送中</Tag>,
            },
          ]}
        />
      </Card>
    </Space>
  );
}
