import { useEffect, useState } from 'react';
import { Alert, Button, Descriptions, Modal, Popconfirm, Space } from 'antd';
import { Link } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import {
  interviewModeLabels,
  interviewStatusLabels,
  type AgendaItem,
} from '@hirehall/shared/interviews';
import { describeError } from '../../../lib/api.ts';
import { interviewAction, interviewKeys, useAgenda } from '../api/interviews.api.ts';
import { useFeedback } from '../../../app/AppFeedback.tsx';

const when = (iso: string) => new Date(iso).toLocaleString('zh-CN', { hour12: false });

/** The newest interview notice of one of the seeker's applications, if any. */
export function useApplicationNotice(applicationId: string): AgendaItem | null {
  const agenda = useAgenda();
  return (
    agenda.data?.items
      .filter((i) => i.applicationId === applicationId)
      .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0] ?? null
  );
}

/**
 * 查看回复 on an application with an interview notice (seed 004 §6.3–6.5): the notice opens in
 * place; the seeker answers 参加面试 or 不参加面试 there (declining voids the application).
 * Opening it marks the notice seen, so 面试通知 NEW disappears.
 */
export function InterviewNoticeButton({
  applicationId,
  onAnswered,
}: {
  applicationId: string;
  /** after an answer, e.g. to refresh the application list (a decline voids it) */
  onAnswered?(): void;
}) {
  const item = useApplicationNotice(applicationId);
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState<'attend' | 'decline' | null>(null);
  const qc = useQueryClient();
  const { message } = useFeedback();
  const refresh = () => void qc.invalidateQueries({ queryKey: interviewKeys.all });

  useEffect(() => {
    if (open && item?.isNew) {
      void interviewAction(item.id, 'seen').then(refresh, () => undefined);
    }
  }, [open, item?.id, item?.isNew]); // eslint-disable-line react-hooks/exhaustive-deps

  if (!item) return null;
  const detailed = item.status === 'confirmed' || item.status === 'done';

  const answer = async (action: 'attend' | 'decline') => {
    setBusy(action);
    try {
      await interviewAction(item.id, action);
      message.success(
        action === 'attend' ? '已回复参加面试，等待单位确认' : '已回复不参加面试，该应聘记录已作废',
      );
      refresh();
      onAnswered?.();
      if (action === 'decline') setOpen(false);
    } catch (e) {
      message.error(describeError(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <>
      <Button size="small" data-testid="view-reply" onClick={() => setOpen(true)}>
        查看回复
      </Button>
      <Modal
        open={open}
        title="面试通知"
        onCancel={() => setOpen(false)}
        destroyOnHidden
        footer={
          item.status === 'invited' ? (
            <Space wrap style={{ justifyContent: 'flex-end' }}>
              <Popconfirm
                title="不参加面试将放弃该职位，应聘记录作废。确定吗？"
                onConfirm={() => void answer('decline')}
              >
                <Button loading={busy === 'decline'} data-testid="notice-decline">
                  不参加面试
                </Button>
              </Popconfirm>
              <Button
                type="primary"
                loading={busy === 'attend'}
                data-testid="notice-attend"
                onClick={() => void answer('attend')}
              >
                参加面试
              </Button>
            </Space>
          ) : (
            <Space wrap style={{ justifyContent: 'flex-end' }}>
              <Link to={`/seeker/interviews?id=${item.id}`}>在面试日程中查看</Link>
              <Button onClick={() => setOpen(false)}>关闭</Button>
            </Space>
          )
        }
      >
        {item.clashesWith.length > 0 && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            message="该面试与您的其他面试时间冲突，请在面试日程中查看"
          />
        )}
        <Descriptions column={1} size="small" bordered>
          <Descriptions.Item label="单位">{item.organizationName}</Descriptions.Item>
          <Descriptions.Item label="职位">{item.jobTitle}</Descriptions.Item>
          <Descriptions.Item label="状态">{interviewStatusLabels[item.status]}</Descriptions.Item>
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
      </Modal>
    </>
  );
}
