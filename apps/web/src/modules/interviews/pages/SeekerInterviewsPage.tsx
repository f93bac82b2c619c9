import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import {
  Alert,
  Badge,
  Button,
  Card,
  Descriptions,
  Empty,
  List,
  Modal,
  Popconfirm,
  Space,
  Statistic,
  Tag,
  Typography,
} from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import {
  callSocketEvents as ev,
  interviewModeLabels,
  interviewStatusLabels,
  type AgendaItem,
} from '@hirehall/shared/interviews';
import { describeError } from '../../../lib/api.ts';
import { useSocketEvent } from '../../notifications/api/socket.ts';
import {
  interviewAction,
  interviewKeys,
  useAgenda,
  useQueuePosition,
} from '../api/interviews.api.ts';
import { useCall } from '../api/useCall.ts';
import { CallView } from '../components/CallView.tsx';
import { DeviceCheck, type DeviceChoice } from '../components/DeviceCheck.tsx';
import { useFeedback } from '../../../app/AppFeedback.tsx';

const when = (iso: string) => new Date(iso).toLocaleString('zh-CN', { hour12: false });

interface Ringing {
  callId: string;
  interviewId: string;
  organizationName: string;
  jobTitle: string;
  ringSeconds: number;
}

/**
 * 面试日程: every interview across employers with clashes flagged; 面试通知 NEW; 参加面试 /
 * 不参加面试; the detailed notice and the calendar once confirmed, its cancellation file once
 * cancelled or declined; and the waiting room of a video interview: place in the queue, device
 * check, the ringing call and the call itself.
 */
export default function SeekerInterviewsPage() {
  const agenda = useAgenda();
  const qc = useQueryClient();
  const { message } = useFeedback();
  const [params, setParams] = useSearchParams();
  const selectedId = params.get('id');
  const items = agenda.data?.items ?? [];
  const selected = items.find((i) => i.id === selectedId) ?? null;
  const refresh = () => void qc.invalidateQueries({ queryKey: interviewKeys.all });

  const select = (id: string) => {
    const next = new URLSearchParams(params);
    next.set('id', id);
    setParams(next, { replace: true });
  };

  // opening a notice marks it seen (面试通知 NEW disappears)
  useEffect(() => {
    if (selected?.isNew) {
      void interviewAction(selected.id, 'seen').then(refresh, () => undefined);
    }
  }, [selected?.id, selected?.isNew]); // eslint-disable-line react-hooks/exhaustive-deps

  const answer = async (item: AgendaItem, action: 'attend' | 'decline') => {
    try {
      await interviewAction(item.id, action);
      message.success(
        action === 'attend' ? '已回复参加面试，等待单位确认' : '已回复不参加面试，该应聘记录已作废',
      );
      refresh();
    } catch (e) {
      message.error(describeError(e));
    }
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card title="面试日程">
        <List
          loading={agenda.isLoading}
          dataSource={items}
          locale={{ emptyText: <Empty description="暂无面试" /> }}
          renderItem={(item) => (
            <List.Item
              data-testid="agenda-item"
              onClick={() => select(item.id)}
              style={{
                cursor: 'pointer',
                background: item.id === selectedId ? '#e6f4ff' : undefined,
                paddingInline: 8,
              }}
              actions={
                item.status === 'invited'
                  ? [
                      <Button
                        key="attend"
                        type="primary"
                        size="small"
                        onClick={(e) => {
                          e.stopPropagation();
                          void answer(item, 'attend');
                        }}
                      >
                        参加面试
                      </Button>,
                      <Popconfirm
                        key="decline"
                        title="不参加面试将放弃该职位，应聘记录作废。确定吗？"
                        onConfirm={() => void answer(item, 'decline')}
                      >
                        <Button size="small" onClick={(e) => e.stopPropagation()}>
                          不参加面试
                        </Button>
                      </Popconfirm>,
                    ]
                  : []
              }
            >
              <List.Item.Meta
                title={
                  <Space wrap size={4}>
                    <span>
                      {item.organizationName} · {item.jobTitle}
                    </span>
                    {item.isNew && (
                      <Tag color="red" data-testid="interview-new">
                        面试通知 NEW
                      </Tag>
                    )}
                    <Tag>{interviewStatusLabels[item.status]}</Tag>
                    {item.clashesWith.length > 0 && <Tag color="orange">时间冲突</Tag>}
                  </Space>
                }
                description={`${when(item.startsAt)} · ${interviewModeLabels[item.mode]} · 约 ${item.durationMinutes} 分钟`}
              />
            </List.Item>
          )}
        />
      </Card>
      {selected && <InterviewDetail key={selected.id} item={selected} items={items} />}
    </Space>
  );
}

function InterviewDetail({ item, items }: { item: AgendaItem; items: AgendaItem[] }) {
  const clashes = items.filter((i) => item.clashesWith.includes(i.id));
  const detailed = item.status === 'confirmed' || item.status === 'done';
  // a calendar already issued is withdrawn by the same file with METHOD:CANCEL
  const withdrawn = item.status === 'cancelled' || item.status === 'declined';
  return (
    <Card title="面试通知" data-testid="interview-detail">
      {clashes.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          message={`与 ${clashes.map((c) => `${c.organizationName}（${when(c.startsAt)}）`).join('、')} 的面试时间冲突`}
        />
      )}
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label="单位">{item.organizationName}</Descriptions.Item>
        <Descriptions.Item label="职位">{item.jobTitle}</Descriptions.Item>
        <Descriptions.Item label="面试时间">{when(item.startsAt)}</Descriptions.Item>
        <Descriptions.Item label="面试方式">{interviewModeLabels[item.mode]}</Descriptions.Item>
        {detailed && (
          <>
            <Descriptions.Item label="面试地点">
              {item.place || (item.mode === 'video' ? '面试大厅（视频）' : '—')}
            </Descriptions.Item>
            <Descriptions.Item label="单位联系人">{item.contactName}</Descriptions.Item>
            <Descriptions.Item label="电话">{item.contactPhone}</Descriptions.Item>
            <Descriptions.Item label="备注">{item.notes || '—'}</Descriptions.Item>
          </>
        )}
      </Descriptions>
      {item.status === 'attending' && (
        <Alert
          style={{ marginTop: 12 }}
          type="info"
          message="您已选择参加面试，单位确认后将收到详细面试通知。"
        />
      )}
      {item.status === 'confirmed' && (
        <Space style={{ marginTop: 12 }}>
          <Button href={`/api/interviews/${item.id}/calendar.ics`}>加入日历（.ics）</Button>
        </Space>
      )}
      {withdrawn && item.hasCalendar && (
        <Space direction="vertical" style={{ marginTop: 12 }} data-testid="calendar-cancel">
          <Typography.Text type="secondary">
            {item.status === 'cancelled' ? '该面试已取消。' : '您已回复不参加该面试。'}
            如已将面试加入日历，请下载并打开取消文件，日历中的这场面试会随之移除。
          </Typography.Text>
          <Button href={`/api/interviews/${item.id}/calendar.ics`}>下载取消日历（.ics）</Button>
        </Space>
      )}
      {item.status === 'confirmed' && item.mode === 'video' && <WaitingRoom item={item} />}
    </Card>
  );
}

/** 候场: queue position and wait, device check, ringing, the call. */
function WaitingRoom({ item }: { item: AgendaItem }) {
  const queue = useQueuePosition(item.id);
  const { message } = useFeedback();
  const [devices, setDevices] = useState<DeviceChoice | null>(null);
  const call = useCall('seeker', devices ?? undefined);
  const [pushed, setPushed] = useState<(Ringing & { deadline: number }) | null>(null);
  const [answered, setAnswered] = useState<Set<string>>(() => new Set());
  const [now, setNow] = useState(() => Date.now());
  const inCall = call.state.status === 'connected';

  useSocketEvent<Ringing>(ev.ringing, (r) => {
    if (r.interviewId !== item.id) return;
    setPushed({ ...r, deadline: Date.now() + r.ringSeconds * 1000 });
  });
  useSocketEvent<{ callId: string; status: string }>(ev.status, (s) => {
    if (s.status !== 'ringing') setAnswered((a) => new Set(a).add(s.callId));
  });
  // a call already ringing when the page loaded (e.g. after a reload) rings too
  const active = queue.data?.activeCall;
  const ringing =
    pushed ??
    (queue.data && active?.status === 'ringing'
      ? {
          callId: active.id,
          interviewId: item.id,
          organizationName: item.organizationName,
          jobTitle: item.jobTitle,
          ringSeconds: queue.data.ringSeconds,
          deadline: Date.parse(active.createdAt) + queue.data.ringSeconds * 1000,
        }
      : null);
  const showRing =
    !!ringing && !answered.has(ringing.callId) && call.state.callId !== ringing.callId;
  const left = ringing ? Math.max(0, Math.ceil((ringing.deadline - now) / 1000)) : 0;
  useEffect(() => {
    if (!showRing) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [showRing]);

  const settle = (callId: string) => {
    setAnswered((a) => new Set(a).add(callId));
    setPushed(null);
  };
  const accept = async () => {
    if (!ringing) return;
    settle(ringing.callId);
    try {
      await call.accept(ringing.callId);
    } catch (e) {
      message.error(e instanceof Error && !('code' in e) ? e.message : describeError(e));
    }
  };
  const decline = async () => {
    if (!ringing) return;
    settle(ringing.callId);
    await call.decline(ringing.callId).catch(() => undefined);
  };

  const q = queue.data;
  return (
    <div style={{ marginTop: 16 }} data-testid="waiting-room">
      <Typography.Title level={5}>视频面试候场</Typography.Title>
      {!inCall && q && (
        <Space size="large" style={{ marginBottom: 12 }}>
          {q.position !== null ? (
            <>
              <Statistic title="排队位置" value={q.position} suffix={`/ 前面 ${q.ahead} 人`} />
              <Statistic title="预计等待" value={q.estimatedWaitMinutes ?? 0} suffix="分钟" />
            </>
          ) : (
            <Typography.Text type="secondary">
              面试当天可在此候场，单位发起呼叫时本页会响铃。
            </Typography.Text>
          )}
        </Space>
      )}
      {call.state.status === 'idle' && !devices && <DeviceCheck onReady={setDevices} />}
      {call.state.status === 'idle' && devices && (
        <Alert type="success" showIcon message="设备正常，请保持本页打开，等待单位呼叫。" />
      )}
      {call.state.status !== 'idle' && (
        <>
          {call.state.status === 'interrupted' && (
            <Alert type="warning" showIcon message="通话中断，请保持本页打开，单位将重新呼叫。" />
          )}
          {call.state.status === 'ended' && <Alert type="info" showIcon message="通话已结束。" />}
          <CallView
            status={call.state.status}
            local={call.local}
            remote={call.remote}
            muted={call.muted}
            cameraOff={call.cameraOff}
            speakerId={devices?.speakerId}
            onToggleMute={call.toggleMute}
            onToggleCamera={call.toggleCamera}
            onHangup={() => void call.hangup()}
          />
        </>
      )}
      <Modal
        open={showRing}
        title="面试来电"
        closable={false}
        maskClosable={false}
        footer={[
          <Button key="decline" danger onClick={() => void decline()}>
            拒绝
          </Button>,
          <Button
            key="accept"
            type="primary"
            data-testid="accept-call"
            onClick={() => void accept()}
          >
            接听
          </Button>,
        ]}
      >
        <Space direction="vertical">
          <Badge
            status="processing"
            text={`${ringing?.organizationName ?? ''} 邀请您进行视频面试`}
          />
          <Typography.Text>{ringing?.jobTitle}</Typography.Text>
          <Typography.Text type="secondary">{left} 秒内未接听将自动挂断</Typography.Text>
        </Space>
      </Modal>
    </div>
  );
}
