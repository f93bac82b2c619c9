import { useState } from 'react';
import {
  Badge,
  Button,
  Card,
  Checkbox,
  Col,
  Empty,
  List,
  Row,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import {
  applicationMarkLabels,
  applicationMarks,
  type ApplicationMark,
} from '@hirehall/shared/applications';
import type { HallCandidate } from '@hirehall/shared/chat';
import { api, describeError } from '../../../lib/api.ts';
import { useHall } from '../api/chat.api.ts';
import { ChatPanel } from '../components/ChatPanel.tsx';
import { InviteButton } from '../../interviews/components/InterviewForm.tsx';
import { employerAttachmentUrl } from '../../resumes/api/resumes.api.ts';
import { useFeedback } from '../../../app/AppFeedback.tsx';

const markColors: Record<ApplicationMark, string> = {
  qualified: 'green',
  eliminated: 'red',
  undecided: 'orange',
};

/**
 * 洽谈大厅 (seed 001 §2): for the chosen fair, the candidates who applied with presence and
 * marks; the resume, the chat panel, marks and the interview invitation.
 */
export default function NegotiationHallPage() {
  const [fairId, setFairId] = useState<string | undefined>();
  const [mark, setMark] = useState<string | undefined>();
  const [selected, setSelected] = useState<HallCandidate | null>(null);
  const [conversationId, setConversationId] = useState<string | null>(null);
  const [notifySeeker, setNotifySeeker] = useState(false);
  const hall = useHall(fairId, mark);
  const qc = useQueryClient();
  const { message } = useFeedback();

  const choose = async (c: HallCandidate) => {
    setSelected(c);
    try {
      const conv = c.conversationId
        ? { id: c.conversationId }
        : await api<{ id: string }>('/api/chat/conversations', {
            method: 'POST',
            body: { applicationId: c.applicationId },
          });
      setConversationId(conv.id);
    } catch (e) {
      message.error(describeError(e));
    }
  };

  const setCandidateMark = async (value: ApplicationMark | null) => {
    if (!selected) return;
    try {
      await api(`/api/employer/applications/${selected.applicationId}/mark`, {
        method: 'PUT',
        body: { mark: value, notifySeeker },
      });
      setSelected({ ...selected, mark: value });
      void qc.invalidateQueries({ queryKey: ['chat', 'hall'] });
      message.success(value && notifySeeker ? '已标记，已通知求职者' : '已标记');
    } catch (e) {
      message.error(describeError(e));
    }
  };

  const candidates = hall.data?.candidates ?? [];
  return (
    <Card title="洽谈大厅">
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder="选择招聘会（默认全部投递）"
          style={{ width: 280 }}
          value={fairId}
          onChange={setFairId}
          options={(hall.data?.fairs ?? []).map((f) => ({ value: f.id, label: f.title }))}
        />
        <Select
          allowClear
          placeholder="按标记筛选"
          style={{ width: 160 }}
          value={mark}
          onChange={setMark}
          options={[
            ...applicationMarks.map((m) => ({ value: m, label: applicationMarkLabels[m] })),
            { value: 'none', label: '未标记' },
          ]}
        />
      </Space>
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <List
            bordered
            loading={hall.isLoading}
            dataSource={candidates}
            locale={{ emptyText: '暂无投递简历的求职者' }}
            style={{ maxHeight: 600, overflowY: 'auto' }}
            renderItem={(c) => (
              <List.Item
                onClick={() => void choose(c)}
                style={{
                  cursor: 'pointer',
                  background: selected?.applicationId === c.applicationId ? '#e6f4ff' : undefined,
                }}
                data-testid="hall-candidate"
              >
                <List.Item.Meta
                  title={
                    <Space>
                      <Badge status={c.online ? 'success' : 'default'} text={c.name} />
                      {c.mark && (
                        <Tag color={markColors[c.mark]}>{applicationMarkLabels[c.mark]}</Tag>
                      )}
                    </Space>
                  }
                  description={`${c.jobTitle} · ${c.online ? '在线' : '离线'}`}
                />
                <Badge count={c.unread} />
              </List.Item>
            )}
          />
        </Col>
        <Col xs={24} md={16}>
          {selected && conversationId ? (
            <>
              <Space wrap style={{ marginBottom: 8 }}>
                <Typography.Text strong>{selected.name}</Typography.Text>
                <Button
                  size="small"
                  href={`/employer/applications/${selected.applicationId}`}
                  target="_blank"
                >
                  查看简历
                </Button>
                {selected.attachmentId && (
                  <Button size="small" href={employerAttachmentUrl(selected.attachmentId)} download>
                    下载简历
                  </Button>
                )}
                {applicationMarks.map((m) => (
                  <Button
                    key={m}
                    size="small"
                    type={selected.mark === m ? 'primary' : 'default'}
                    onClick={() => void setCandidateMark(selected.mark === m ? null : m)}
                  >
                    标记{applicationMarkLabels[m]}
                  </Button>
                ))}
                <Checkbox
                  checked={notifySeeker}
                  onChange={(e) => setNotifySeeker(e.target.checked)}
                >
                  通知求职者
                </Checkbox>
                <InviteButton applicationId={selected.applicationId} />
              </Space>
              <ChatPanel
                key={conversationId}
                conversationId={conversationId}
                side="employer"
                peerName={selected.name}
              />
            </>
          ) : (
            <Empty description="从左侧选择一位求职者开始洽谈" style={{ marginTop: 80 }} />
          )}
        </Col>
      </Row>
    </Card>
  );
}
