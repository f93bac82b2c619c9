import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Button,
  Card,
  Checkbox,
  Descriptions,
  Drawer,
  Image,
  Input,
  Segmented,
  Select,
  Space,
  Statistic,
  Table,
  Typography,
} from 'antd';
import {
  feedbackEventLabels,
  feedbackKindLabels,
  feedbackKinds,
  feedbackStateLabels,
  feedbackStates,
  feedbackTransitions,
  reportTargetLabels,
  type FeedbackEvent,
  type FeedbackItem,
  type FeedbackKind,
  type FeedbackState,
} from '@hirehall/shared/feedback';
import { allowedEvents } from '@hirehall/shared/workflow';
import { describeError } from '../../../lib/api.ts';
import { QueryView } from '../../../components/feedback.tsx';
import {
  listFeedbackQueue,
  moveFeedback,
  replyFeedback,
  screenshotUrl,
} from '../../feedback/api/feedback.api.ts';
import { FeedbackStatusTag } from '../../feedback/components/FeedbackStatusTag.tsx';
import { useFeedback } from '../../../app/AppFeedback.tsx';

const roleLabels: Record<string, string> = {
  seeker: '求职者',
  employer: '用人单位',
  institution: '认证机构',
  school: '学校',
  college: '学院',
};

function formatMinutes(m: number | null) {
  if (m === null) return '—';
  if (m < 60) return `${m} 分钟`;
  if (m < 60 * 48) return `${Math.round(m / 6) / 10} 小时`;
  return `${Math.round(m / 144) / 10} 天`;
}

/** The platform admin's queue of feedback and abuse reports. */
export default function FeedbackQueuePage() {
  const [status, setStatus] = useState<FeedbackState | 'all'>('new');
  const [kind, setKind] = useState<FeedbackKind | undefined>();
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<FeedbackItem | null>(null);
  const filter = { status: status === 'all' ? undefined : status, kind, page };
  const queue = useQuery({
    queryKey: ['feedback', 'queue', filter],
    queryFn: () => listFeedbackQueue(filter),
  });
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        意见反馈与违规举报
      </Typography.Title>
      {queue.data && (
        <Space size={32} wrap>
          {feedbackStates.map((s) => (
            <Statistic key={s} title={feedbackStateLabels[s]} value={queue.data.counts[s] ?? 0} />
          ))}
          <Statistic
            title="近30天处理时长（中位数）"
            value={formatMinutes(queue.data.medianResolutionMinutes)}
          />
        </Space>
      )}
      <Space wrap>
        <Segmented
          value={status}
          onChange={(v) => {
            setStatus(v as FeedbackState | 'all');
            setPage(1);
          }}
          options={[
            ...feedbackStates.map((s) => ({ value: s, label: feedbackStateLabels[s] })),
            { value: 'all', label: '全部' },
          ]}
        />
        <Select
          allowClear
          placeholder="全部类型"
          style={{ width: 140 }}
          value={kind}
          onChange={(v) => setKind(v)}
          options={feedbackKinds.map((k) => ({ value: k, label: feedbackKindLabels[k] }))}
        />
      </Space>
      <QueryView query={queue}>
        {(data) => (
          <Table<FeedbackItem>
            rowKey="id"
            size="small"
            dataSource={data.items}
            scroll={{ x: 720 }}
            pagination={{ current: page, total: data.total, pageSize: 20, onChange: setPage }}
            onRow={(item) => ({ onClick: () => setOpen(item), style: { cursor: 'pointer' } })}
            columns={[
              {
                title: '类型',
                dataIndex: 'kind',
                width: 90,
                render: (k: FeedbackKind) => feedbackKindLabels[k],
              },
              { title: '内容', dataIndex: 'content', ellipsis: true },
              {
                title: '提交人',
                width: 160,
                render: (_, i) => `${i.senderName}（${roleLabels[i.senderRole] ?? i.senderRole}）`,
              },
              {
                title: '状态',
                dataIndex: 'status',
                width: 90,
                render: (s: FeedbackState) => <FeedbackStatusTag status={s} />,
              },
              {
                title: '提交时间',
                dataIndex: 'createdAt',
                width: 170,
                render: (v: string) => new Date(v).toLocaleString('zh-CN'),
              },
            ]}
          />
        )}
      </QueryView>
      <FeedbackDrawer item={open} onClose={() => setOpen(null)} onChanged={setOpen} />
    </Space>
  );
}

function FeedbackDrawer({
  item,
  onClose,
  onChanged,
}: {
  item: FeedbackItem | null;
  onClose: () => void;
  onChanged: (item: FeedbackItem) => void;
}) {
  const { message } = useFeedback();
  const queryClient = useQueryClient();
  const [reply, setReply] = useState('');
  const [resolve, setResolve] = useState(true);
  const done = (next: FeedbackItem) => {
    onChanged(next);
    void queryClient.invalidateQueries({ queryKey: ['feedback', 'queue'] });
  };
  const move = useMutation({
    mutationFn: (event: FeedbackEvent) => moveFeedback(item!.id, event),
    onSuccess: done,
    onError: (e) => void message.error(describeError(e)),
  });
  const send = useMutation({
    mutationFn: () => replyFeedback(item!.id, reply, resolve),
    onSuccess: (next) => {
      setReply('');
      void message.success('已回复，提交人将收到通知');
      done(next);
    },
    onError: (e) => void message.error(describeError(e)),
  });
  return (
    <Drawer open={!!item} onClose={onClose} width={560} title="反馈详情" destroyOnHidden>
      {item && (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label="类型">{feedbackKindLabels[item.kind]}</Descriptions.Item>
            <Descriptions.Item label="状态">
              <FeedbackStatusTag status={item.status} />
            </Descriptions.Item>
            <Descriptions.Item label="提交人">
              {item.senderName}（{roleLabels[item.senderRole] ?? item.senderRole}）
            </Descriptions.Item>
            {item.contact && <Descriptions.Item label="联系方式">{item.contact}</Descriptions.Item>}
            {item.targetType && (
              <Descriptions.Item label="举报对象">
                {reportTargetLabels[item.targetType]}：{item.targetLabel ?? item.targetId}
                {item.reason && `（${item.reason}）`}
              </Descriptions.Item>
            )}
            <Descriptions.Item label="内容">
              <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>
                {item.content}
              </Typography.Paragraph>
            </Descriptions.Item>
            {item.resolutionMinutes !== null && (
              <Descriptions.Item label="处理时长">
                {formatMinutes(item.resolutionMinutes)}
              </Descriptions.Item>
            )}
          </Descriptions>
          {item.screenshotFileIds.length > 0 && (
            <Image.PreviewGroup>
              <Space wrap>
                {item.screenshotFileIds.map((id) => (
                  <Image
                    key={id}
                    src={screenshotUrl(id)}
                    width={96}
                    height={96}
                    style={{ objectFit: 'cover' }}
                  />
                ))}
              </Space>
            </Image.PreviewGroup>
          )}
          {item.replies.map((r) => (
            <Card
              key={r.id}
              size="small"
              type="inner"
              title={`${r.authorName} · ${new Date(r.createdAt).toLocaleString('zh-CN')}`}
            >
              {r.body}
            </Card>
          ))}
          <Space wrap>
            {allowedEvents(feedbackTransitions as never, item.status).map((event) => (
              <Button
                key={event}
                onClick={() => move.mutate(event as FeedbackEvent)}
                loading={move.isPending}
              >
                {feedbackEventLabels[event as FeedbackEvent]}
              </Button>
            ))}
          </Space>
          <Input.TextArea
            rows={4}
            value={reply}
            onChange={(e) => setReply(e.target.value)}
            maxLength={2000}
            placeholder="回复内容将以通知发送给提交人"
            aria-label="回复内容"
          />
          <Space>
            <Checkbox checked={resolve} onChange={(e) => setResolve(e.target.checked)}>
              回复并标记已解决
            </Checkbox>
            <Button
              type="primary"
              disabled={!reply.trim()}
              loading={send.isPending}
              onClick={() => send.mutate()}
            >
              发送回复
            </Button>
          </Space>
        </Space>
      )}
    </Drawer>
  );
}
