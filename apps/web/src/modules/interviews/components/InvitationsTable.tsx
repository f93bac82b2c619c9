import { useState } from 'react';
import { Button, Popconfirm, Space, Table, Tag } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { allowedEvents } from '@hirehall/shared/workflow';
import {
  interviewModeLabels,
  interviewResultLabels,
  interviewStatusLabels,
  interviewTransitions,
  type Interview,
} from '@hirehall/shared/interviews';
import { describeError } from '../../../lib/api.ts';
import { interviewAction, interviewKeys, useEmployerInterviews } from '../api/interviews.api.ts';
import { InterviewFormModal } from './InterviewForm.tsx';
import { useFeedback } from '../../../app/AppFeedback.tsx';

const statusColors: Record<Interview['status'], string> = {
  invited: 'blue',
  attending: 'gold',
  confirmed: 'green',
  declined: 'default',
  cancelled: 'default',
  done: 'purple',
};

/** Every invitation of the organization; the buttons come from the shared transition table. */
export function InvitationsTable({ applicationId }: { applicationId?: string }) {
  const list = useEmployerInterviews(applicationId);
  const qc = useQueryClient();
  const { message } = useFeedback();
  const [editing, setEditing] = useState<Interview | null>(null);
  const refresh = () => void qc.invalidateQueries({ queryKey: interviewKeys.all });

  const act = async (i: Interview, action: 'confirm' | 'cancel') => {
    try {
      await interviewAction(i.id, action, action === 'cancel' ? { reason: '' } : {});
      message.success(
        action === 'confirm' ? '已确认，已向求职者发送详细面试通知' : '已取消，已通知求职者',
      );
      refresh();
    } catch (e) {
      message.error(describeError(e));
    }
  };

  return (
    <>
      <Table<Interview>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        pagination={{ pageSize: 20 }}
        scroll={{ x: 800 }}
        columns={[
          {
            title: '面试时间',
            dataIndex: 'startsAt',
            render: (v: string) => new Date(v).toLocaleString('zh-CN', { hour12: false }),
          },
          { title: '求职者', dataIndex: 'seekerName' },
          { title: '职位', dataIndex: 'jobTitle' },
          {
            title: '方式',
            dataIndex: 'mode',
            render: (m: Interview['mode']) => interviewModeLabels[m],
          },
          {
            title: '状态',
            dataIndex: 'status',
            render: (s: Interview['status'], i) => (
              <Space size={4}>
                <Tag color={statusColors[s]}>{interviewStatusLabels[s]}</Tag>
                {i.result && <Tag>{interviewResultLabels[i.result]}</Tag>}
              </Space>
            ),
          },
          {
            title: '操作',
            key: 'actions',
            render: (_, i) => {
              const events = allowedEvents(interviewTransitions, i.status);
              return (
                <Space size={4} wrap>
                  {events.includes('confirm') && (
                    <Button
                      size="small"
                      type="primary"
                      data-testid="confirm-interview"
                      onClick={() => void act(i, 'confirm')}
                    >
                      确认面试
                    </Button>
                  )}
                  {events.includes('reschedule') && (
                    <Button size="small" onClick={() => setEditing(i)}>
                      改期
                    </Button>
                  )}
                  {events.includes('cancel') && (
                    <Popconfirm
                      title="确定取消该面试？求职者将收到通知。"
                      onConfirm={() => void act(i, 'cancel')}
                    >
                      <Button size="small" danger>
                        取消
                      </Button>
                    </Popconfirm>
                  )}
                  {(i.status === 'confirmed' || i.status === 'done') && (
                    <Button size="small" type="link" href={`/api/interviews/${i.id}/calendar.ics`}>
                      日历
                    </Button>
                  )}
                </Space>
              );
            },
          },
        ]}
      />
      {editing && (
        <InterviewFormModal
          open
          interview={editing}
          onClose={() => setEditing(null)}
          onDone={refresh}
        />
      )}
    </>
  );
}
