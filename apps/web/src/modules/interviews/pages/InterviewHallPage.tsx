import { useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Card,
  Col,
  Empty,
  List,
  Row,
  Space,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import {
  CALL_RING_SECONDS,
  interviewResultLabels,
  type HallEntry,
} from '@hirehall/shared/interviews';
import { describeError } from '../../../lib/api.ts';
import { interviewKeys, useHallQueue } from '../api/interviews.api.ts';
import { useCall } from '../api/useCall.ts';
import { CallView } from '../components/CallView.tsx';
import { ResultForm } from '../components/ResultForm.tsx';
import { InvitationsTable } from '../components/InvitationsTable.tsx';
import { DeviceCheck, type DeviceChoice } from '../components/DeviceCheck.tsx';
import { useFeedback } from '../../../app/AppFeedback.tsx';

const time = (iso: string) =>
  new Date(iso).toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit', hour12: false });

/**
 * 面试大厅 (seed 001 §3): today's queue in time order with online state; 开始面试 calls an
 * online candidate; after the call the employer marks the result, ends, and takes the next.
 */
export default function InterviewHallPage() {
  return (
    <Card title="面试大厅">
      <Tabs
        items={[
          { key: 'queue', label: '当日面试队列', children: <TodayQueue /> },
          { key: 'all', label: '面试邀约', children: <InvitationsTable /> },
        ]}
      />
    </Card>
  );
}

function TodayQueue() {
  const queue = useHallQueue();
  const qc = useQueryClient();
  const { message } = useFeedback();
  // the device check comes first: its camera, microphone and speaker are the call's
  const [devices, setDevices] = useState<DeviceChoice | null>(null);
  const call = useCall('employer', devices ?? undefined);
  const [chosenId, setSelectedId] = useState<string | null>(null);
  const items = queue.data?.items ?? [];
  // a candidate is always selected: the one chosen, else the first still waiting
  const selectedId =
    chosenId ?? (items.find((i) => i.status === 'confirmed') ?? items[0])?.id ?? null;
  const selected = items.find((i) => i.id === selectedId) ?? null;
  const inCall = call.state.status === 'ringing' || call.state.status === 'connected';

  const start = async (entry: HallEntry) => {
    setSelectedId(entry.id);
    try {
      await call.start(entry.id);
    } catch (e) {
      message.error(e instanceof Error && !('code' in e) ? e.message : describeError(e));
    }
  };

  const next = () => {
    call.reset();
    const waiting = items.filter((i) => i.status === 'confirmed' && i.id !== selectedId);
    setSelectedId((waiting.find((i) => i.online) ?? waiting[0])?.id ?? null);
    void qc.invalidateQueries({ queryKey: interviewKeys.all });
  };

  const callNote: Partial<Record<string, { type: 'info' | 'warning'; text: string }>> = {
    ringing: {
      type: 'info',
      text: `正在呼叫，等待求职者接听（${queue.data?.ringSeconds ?? CALL_RING_SECONDS} 秒内未接听将自动结束）…`,
    },
    declined: { type: 'warning', text: '求职者拒绝了本次呼叫，可稍后重新呼叫。' },
    missed: { type: 'warning', text: '无人接听，可重新呼叫。' },
    interrupted: { type: 'warning', text: '通话中断（已记录），可重新发起视频面试。' },
  };
  const note =
    selected && call.state.interviewId === selected.id ? callNote[call.state.status] : undefined;

  return (
    <Row gutter={16}>
      <Col xs={24} md={9}>
        <Typography.Text type="secondary">{queue.data?.date} · 按面试时间排序</Typography.Text>
        <List
          loading={queue.isLoading}
          dataSource={items}
          locale={{ emptyText: <Empty description="今天没有已确认的视频面试" /> }}
          renderItem={(entry) => (
            <List.Item
              data-testid="queue-entry"
              data-online={entry.online ? '1' : '0'}
              onClick={() => !inCall && setSelectedId(entry.id)}
              style={{
                cursor: 'pointer',
                background: entry.id === selectedId ? '#e6f4ff' : undefined,
                paddingInline: 8,
              }}
              actions={[
                entry.status === 'confirmed' ? (
                  <Button
                    key="start"
                    type="primary"
                    size="small"
                    disabled={!entry.online || inCall || !devices}
                    title={devices ? undefined : '请先完成设备检测'}
                    onClick={(e) => {
                      e.stopPropagation();
                      void start(entry);
                    }}
                  >
                    开始面试
                  </Button>
                ) : (
                  <Tag key="done">
                    {entry.result ? interviewResultLabels[entry.result] : '已结束'}
                  </Tag>
                ),
              ]}
            >
              <List.Item.Meta
                title={
                  <Space>
                    <Badge status={entry.online ? 'success' : 'default'} />
                    <span>{entry.seekerName}</span>
                    <Typography.Text type="secondary">{time(entry.startsAt)}</Typography.Text>
                  </Space>
                }
                description={
                  <Space size={4} wrap>
                    <span>{entry.jobTitle}</span>
                    <span>· {entry.online ? '在线' : '离线'}</span>
                    {entry.interruptions.length > 0 && (
                      <Tag color="orange">中断 {entry.interruptions.length} 次</Tag>
                    )}
                  </Space>
                }
              />
            </List.Item>
          )}
        />
      </Col>
      <Col xs={24} md={15}>
        {!devices && !inCall && (
          <Card size="small" style={{ marginBottom: 12 }}>
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 12 }}
              message="开始面试前请先检测摄像头、麦克风和扬声器。"
            />
            <DeviceCheck onReady={setDevices} />
          </Card>
        )}
        {devices && !inCall && (
          <Button size="small" style={{ marginBottom: 12 }} onClick={() => setDevices(null)}>
            重新检测设备
          </Button>
        )}
        {selected ? (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Space wrap>
              <Typography.Title level={5} style={{ margin: 0 }}>
                {selected.seekerName} · {selected.jobTitle}
              </Typography.Title>
              <Button
                size="small"
                href={`/employer/applications/${selected.applicationId}`}
                target="_blank"
              >
                查看简历
              </Button>
            </Space>
            {note && <Alert type={note.type} showIcon message={note.text} />}
            <CallView
              status={call.state.interviewId === selected.id ? call.state.status : 'idle'}
              local={call.local}
              remote={call.remote}
              muted={call.muted}
              cameraOff={call.cameraOff}
              speakerId={devices?.speakerId}
              onToggleMute={call.toggleMute}
              onToggleCamera={call.toggleCamera}
              onHangup={() => void call.hangup()}
            />
            {selected.status === 'confirmed' &&
              !inCall &&
              selected.online &&
              !!devices &&
              call.state.status !== 'idle' && (
                <Button onClick={() => void start(selected)}>重新呼叫</Button>
              )}
            {selected.status === 'confirmed' && !inCall && (
              <Card size="small" title="标记面试结果">
                <ResultForm key={selected.id} interview={selected} onDone={() => next()} />
              </Card>
            )}
            {selected.status === 'done' && (
              <Alert
                type="success"
                message={`面试已结束：${selected.result ? interviewResultLabels[selected.result] : ''}`}
                description={selected.resultNotes || undefined}
              />
            )}
          </Space>
        ) : (
          <Empty description="从左侧选择候选人" style={{ marginTop: 80 }} />
        )}
      </Col>
    </Row>
  );
}
