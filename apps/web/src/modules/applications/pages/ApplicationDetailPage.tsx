import { useState } from 'react';
import { Button, Card, Checkbox, Drawer, Space, Typography } from 'antd';
import { DownloadOutlined, MessageOutlined } from '@ant-design/icons';
import { useParams } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { applicationMarkLabels, applicationMarks } from '@hirehall/shared/applications';
import { QueryView } from '../../../components/feedback.tsx';
import { api, describeError } from '../../../lib/api.ts';
import { ResumeView } from '../../resumes/components/ResumeView.tsx';
import { employerAttachmentUrl } from '../../resumes/api/resumes.api.ts';
import { InviteButton } from '../../interviews/components/InterviewForm.tsx';
import { InvitationsTable } from '../../interviews/components/InvitationsTable.tsx';
import { interviewKeys } from '../../interviews/api/interviews.api.ts';
import { applicationKeys, useApplicationDetail, useMark } from '../api/applications.api.ts';
import { MarkTag } from './EmployerApplicationsPage.tsx';
import { ChatPanel } from '../../chat/components/ChatPanel.tsx';
import { useFeedback } from '../../../app/AppFeedback.tsx';

/** One candidate: the online resume as sent, attachments to download, and the marks. */
export default function ApplicationDetailPage() {
  const { id = '' } = useParams();
  const query = useApplicationDetail(id);
  const mark = useMark();
  const [notifySeeker, setNotifySeeker] = useState(false);
  const [conversationId, setConversationId] = useState<string | null>(null);
  const [opening, setOpening] = useState(false);
  const qc = useQueryClient();
  const { message } = useFeedback();
  /** 洽谈: opens (or reopens) the conversation of this application beside the resume */
  const openChat = async () => {
    setOpening(true);
    try {
      const conv = await api<{ id: string }>('/api/chat/conversations', {
        method: 'POST',
        body: { applicationId: id },
      });
      setConversationId(conv.id);
    } catch (err) {
      message.error(describeError(err));
    } finally {
      setOpening(false);
    }
  };
  return (
    <QueryView query={query}>
      {(d) => (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Card
            title={`${d.candidateName} · 应聘 ${d.jobTitle}`}
            extra={
              <Space wrap>
                <Button
                  type="primary"
                  icon={<MessageOutlined />}
                  loading={opening}
                  onClick={() => void openChat()}
                >
                  洽谈
                </Button>
                {d.attachmentId && (
                  <Button
                    icon={<DownloadOutlined />}
                    href={employerAttachmentUrl(d.attachmentId)}
                    download
                  >
                    下载简历
                  </Button>
                )}
                {d.allowedEvents.includes('invite') && (
                  <InviteButton
                    applicationId={d.id}
                    size="middle"
                    onInvited={() => {
                      void qc.invalidateQueries({ queryKey: applicationKeys.all });
                      void qc.invalidateQueries({ queryKey: interviewKeys.all });
                    }}
                  />
                )}
                当前标记 <MarkTag mark={d.mark} />
                {applicationMarks.map((m) => (
                  <Button
                    key={m}
                    type={d.mark === m ? 'primary' : 'default'}
                    disabled={!d.allowedEvents.includes('mark')}
                    loading={mark.isPending && mark.variables?.mark === m}
                    onClick={async () => {
                      try {
                        await mark.mutateAsync({ id: d.id, mark: m, notifySeeker });
                        message.success(
                          `已标记为${applicationMarkLabels[m]}${notifySeeker ? '，已通知求职者' : ''}`,
                        );
                      } catch (err) {
                        message.error(describeError(err));
                      }
                    }}
                  >
                    {applicationMarkLabels[m]}
                  </Button>
                ))}
                <Checkbox
                  checked={notifySeeker}
                  disabled={!d.allowedEvents.includes('mark')}
                  onChange={(e) => setNotifySeeker(e.target.checked)}
                >
                  通知求职者
                </Checkbox>
              </Space>
            }
          >
            <Typography.Paragraph type="secondary">
              投递于 {new Date(d.createdAt).toLocaleString('zh-CN')}
              {d.fairTitle ? `，来自招聘会「${d.fairTitle}」` : ''}。求职者已同意向贵单位提供简历。
            </Typography.Paragraph>
            {d.resume.attachments.length > 0 && (
              <Space wrap>
                附件简历：
                {d.resume.attachments.map((a) => (
                  <a key={a.id} href={employerAttachmentUrl(a.id)}>
                    {a.fileName}
                    {a.id === d.attachmentId ? '（随本次投递）' : ''}
                  </a>
                ))}
              </Space>
            )}
          </Card>
          <Card title="面试邀约" size="small">
            <InvitationsTable applicationId={d.id} />
          </Card>
          <ResumeView content={d.resume.content} facts={d.resume.facts} />
          <Drawer
            title={`与 ${d.candidateName} 洽谈`}
            open={conversationId !== null}
            onClose={() => setConversationId(null)}
            size="min(720px, 100vw)"
            destroyOnHidden
          >
            {conversationId && (
              <ChatPanel
                key={conversationId}
                conversationId={conversationId}
                side="employer"
                peerName={d.candidateName}
                height={480}
              />
            )}
          </Drawer>
        </Space>
      )}
    </QueryView>
  );
}
