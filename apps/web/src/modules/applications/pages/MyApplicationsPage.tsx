import { Alert, Button, Card, List, Popconfirm, Space, Tabs, Tag, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { formatSalary } from '@hirehall/shared/job-options';
import { applicationStatusLabels, type MyApplication } from '@hirehall/shared/applications';
import { QueryView } from '../../../components/feedback.tsx';
import { describeError } from '../../../lib/api.ts';
import { InterviewNoticeButton } from '../../interviews/components/InterviewNoticeButton.tsx';
import { InterviewNoticeTag } from '../../interviews/components/InterviewNoticeTag.tsx';
import { useAgenda } from '../../interviews/api/interviews.api.ts';
import { applicationKeys, useMyApplications, useWithdraw } from '../api/applications.api.ts';
import { useFeedback } from '../../../app/AppFeedback.tsx';

const statusColors: Partial<Record<MyApplication['status'], string>> = {
  submitted: 'blue',
  viewed: 'cyan',
  invited: 'green',
  voided: 'default',
};

/** 我的应聘: 当前应聘记录 with the remaining quota, and 历史应聘记录. */
export default function MyApplicationsPage() {
  return (
    <Card title="我的应聘">
      <Tabs
        items={[
          { key: 'current', label: '当前应聘记录', children: <ApplicationList scope="current" /> },
          { key: 'history', label: '历史应聘记录', children: <ApplicationList scope="history" /> },
        ]}
      />
    </Card>
  );
}

function ApplicationList({ scope }: { scope: 'current' | 'history' }) {
  const query = useMyApplications(scope);
  const withdraw = useWithdraw();
  const qc = useQueryClient();
  const { message } = useFeedback();
  const refresh = () => void qc.invalidateQueries({ queryKey: applicationKeys.all });
  // applications with an interview notice get 查看回复
  const noticed = new Set(useAgenda().data?.items.map((i) => i.applicationId));
  const onWithdraw = async (a: MyApplication) => {
    try {
      const r = await withdraw.mutateAsync(a.id);
      message.success(`已撤销，您目前还剩余 ${r.quota.remaining} 个应聘名额`);
    } catch (err) {
      message.error(describeError(err));
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {scope === 'current' && query.data && (
        <Alert
          data-testid="quota"
          type={query.data.quota.remaining === 0 ? 'warning' : 'info'}
          message={`您目前还剩余 ${query.data.quota.remaining} 个应聘名额（最多同时应聘 ${query.data.quota.limit} 个岗位）`}
          description={
            query.data.quota.remaining === 0 ? '应聘记录已满十条，请撤销一条后再投递。' : undefined
          }
        />
      )}
      <QueryView query={query} isEmpty={(d) => d.items.length === 0}>
        {(data) => (
          <List
            itemLayout="vertical"
            dataSource={data.items}
            renderItem={(a) => (
              <List.Item
                data-testid="my-application"
                actions={[
                  ...(noticed.has(a.id)
                    ? [
                        <InterviewNoticeButton
                          key="reply"
                          applicationId={a.id}
                          onAnswered={refresh}
                        />,
                      ]
                    : []),
                  ...(scope === 'current'
                    ? [
                        <Popconfirm
                          key="w"
                          title="撤销这条应聘记录？撤销后可在历史应聘记录中查看。"
                          onConfirm={() => onWithdraw(a)}
                        >
                          <Button size="small" danger={a.status === 'voided'}>
                            撤销
                          </Button>
                        </Popconfirm>,
                      ]
                    : []),
                ]}
              >
                <List.Item.Meta
                  title={
                    <Space wrap size={4}>
                      <Typography.Text strong>{a.jobTitle}</Typography.Text>
                      <Tag color={statusColors[a.status]}>{applicationStatusLabels[a.status]}</Tag>
                      <InterviewNoticeTag applicationId={a.id} />
                    </Space>
                  }
                  description={
                    <Space split="|" wrap>
                      <span>{a.organizationName}</span>
                      <span>{formatSalary(a.salaryMin, a.salaryMax)}</span>
                      {a.fairTitle && <span>{a.fairTitle}</span>}
                      {a.attachmentName && <span>附件：{a.attachmentName}</span>}
                      <span>
                        {scope === 'history' ? '撤销于 ' : '投递于 '}
                        {new Date(
                          scope === 'history' ? a.withdrawnAt! : a.createdAt,
                        ).toLocaleString('zh-CN')}
                      </span>
                      {a.status === 'voided' && scope === 'current' && (
                        <Typography.Text type="warning">
                          已放弃面试，该应聘记录已作废，可撤销
                        </Typography.Text>
                      )}
                    </Space>
                  }
                />
              </List.Item>
            )}
          />
        )}
      </QueryView>
    </Space>
  );
}
