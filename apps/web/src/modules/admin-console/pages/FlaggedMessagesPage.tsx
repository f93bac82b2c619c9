import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Button,
  Checkbox,
  Input,
  Modal,
  Segmented,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import {
  flagReviewDecisionLabels,
  type FlaggedMessage,
  type FlagReviewBody,
} from '@hirehall/shared/admin';
import { safetyFlagLabels, safetyFlags, type SafetyFlag } from '@hirehall/shared/chat';
import { describeError } from '../../../lib/api.ts';
import { listFlaggedMessages, reviewFlaggedMessage } from '../api/admin-console.api.ts';
import { useFeedback } from '../../../app/AppFeedback.tsx';

type State = 'open' | 'reviewed' | 'dismissed' | 'all';
const stateOptions: { value: State; label: string }[] = [
  { value: 'open', label: '待处理' },
  { value: 'reviewed', label: '已核实' },
  { value: 'dismissed', label: '已忽略' },
  { value: 'all', label: '全部' },
];

const time = (iso: string) =>
  new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });

/** 被标记消息: the employer chat messages the safety check flagged, for the admin to decide. */
export default function FlaggedMessagesPage() {
  const { message } = useFeedback();
  const client = useQueryClient();
  const [state, setState] = useState<State>('open');
  const [flag, setFlag] = useState<SafetyFlag | undefined>();
  const [page, setPage] = useState(1);
  const [target, setTarget] = useState<FlaggedMessage | null>(null);
  const filter = { state, flag, page };
  const list = useQuery({
    queryKey: ['admin', 'chat-flagged', filter],
    queryFn: () => listFlaggedMessages(filter),
  });
  const decide = useMutation({
    mutationFn: (v: { id: string; body: FlagReviewBody }) => reviewFlaggedMessage(v.id, v.body),
    onSuccess: () => {
      setTarget(null);
      void message.success('已处理');
      void client.invalidateQueries({ queryKey: ['admin', 'chat-flagged'] });
    },
    onError: (e) => void message.error(describeError(e)),
  });
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        被标记消息
      </Typography.Title>
      <Typography.Text type="secondary">
        洽谈中用人单位发出的、命中安全规则（收费、引导站外联系、外部链接）的消息。
      </Typography.Text>
      <Space wrap>
        <Segmented<State>
          options={stateOptions}
          value={state}
          onChange={(v) => {
            setState(v);
            setPage(1);
          }}
        />
        <Select<SafetyFlag>
          allowClear
          placeholder="全部类型"
          aria-label="标记类型"
          style={{ width: 160 }}
          value={flag}
          onChange={(v) => {
            setFlag(v);
            setPage(1);
          }}
          options={safetyFlags.map((f) => ({ value: f, label: safetyFlagLabels[f] }))}
        />
      </Space>
      <Table<FlaggedMessage>
        rowKey="id"
        size="small"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 880 }}
        pagination={{
          current: page,
          pageSize: 20,
          total: list.data?.total ?? 0,
          onChange: setPage,
          showSizeChanger: false,
        }}
        columns={[
          {
            title: '消息内容',
            dataIndex: 'body',
            render: (body: string) => (
              <Typography.Paragraph style={{ margin: 0, maxWidth: 360 }}>
                {body}
              </Typography.Paragraph>
            ),
          },
          {
            title: '标记',
            dataIndex: 'flags',
            render: (flags: SafetyFlag[]) =>
              flags.map((f) => (
                <Tag color="orange" key={f}>
                  {safetyFlagLabels[f]}
                </Tag>
              )),
          },
          {
            title: '发送单位',
            render: (_, m) => (
              <Space direction="vertical" size={0}>
                <span>{m.organizationName}</span>
                <Typography.Text type="secondary">{m.senderName ?? '—'}</Typography.Text>
                {m.organizationStatus === 'suspended' && <Tag color="red">已暂停</Tag>}
              </Space>
            ),
          },
          { title: '时间', dataIndex: 'createdAt', render: time, width: 170 },
          {
            title: '处理',
            width: 200,
            render: (_, m) =>
              m.review ? (
                <Space direction="vertical" size={0}>
                  <Tag color={m.review.decision === 'reviewed' ? 'red' : 'default'}>
                    {flagReviewDecisionLabels[m.review.decision]}
                  </Tag>
                  {m.review.note && <Typography.Text>{m.review.note}</Typography.Text>}
                  <Typography.Text type="secondary">
                    {m.review.reviewerName ?? ''} {time(m.review.reviewedAt)}
                  </Typography.Text>
                </Space>
              ) : (
                <Space wrap>
                  <Button size="small" type="primary" danger onClick={() => setTarget(m)}>
                    核实违规
                  </Button>
                  <Button
                    size="small"
                    loading={decide.isPending && decide.variables?.id === m.id}
                    onClick={() => decide.mutate({ id: m.id, body: { decision: 'dismissed' } })}
                  >
                    忽略
                  </Button>
                </Space>
              ),
          },
        ]}
      />
      {target && (
        <ConfirmViolation
          target={target}
          pending={decide.isPending}
          onCancel={() => setTarget(null)}
          onSubmit={(body) => decide.mutate({ id: target.id, body })}
        />
      )}
    </Space>
  );
}

function ConfirmViolation(props: {
  target: FlaggedMessage;
  pending: boolean;
  onCancel: () => void;
  onSubmit: (body: FlagReviewBody) => void;
}) {
  const [note, setNote] = useState('');
  const [suspend, setSuspend] = useState(false);
  const alreadySuspended = props.target.organizationStatus === 'suspended';
  const missingReason = suspend && note.trim().length < 2;
  return (
    <Modal
      open
      title="核实违规"
      okText="确认"
      cancelText="取消"
      okButtonProps={{ danger: true, disabled: missingReason }}
      confirmLoading={props.pending}
      onCancel={props.onCancel}
      onOk={() =>
        props.onSubmit({
          decision: 'reviewed',
          note: note.trim() || undefined,
          suspendOrganization: suspend,
        })
      }
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph>“{props.target.body}”</Typography.Paragraph>
        <Input.TextArea
          aria-label="处理说明"
          placeholder={suspend ? '暂停原因（必填）' : '处理说明（可选）'}
          maxLength={500}
          rows={3}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
        <Checkbox
          checked={suspend}
          disabled={alreadySuspended}
          onChange={(e) => setSuspend(e.target.checked)}
        >
          {alreadySuspended
            ? `${props.target.organizationName} 已处于暂停状态`
            : `同时暂停 ${props.target.organizationName} 发布职位`}
        </Checkbox>
      </Space>
    </Modal>
  );
}
