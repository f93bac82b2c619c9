import { App, Alert, Button, Card, List, Popconfirm, Space, Tabs, Tag, Typography } from 'antd';
import { formatSalary } from '@hirehall/shared/jobs';
import { applicationStatusLabels, type MyApplication } from '@hirehall/shared/applications';
import { QueryView } from '../../../components/feedback.tsx';
import { describeError } from '../../../lib/api.ts';
import { useMyApplications, useWithdraw } from '../api/applications.api.ts';

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
  const { message } = App.useApp();
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
            dataSource={data.items}
            renderItem={(a) => (
              <List.Item
                actions={
                  scope === 'current'
                    ? [
                        <Popconfirm
                          key="w"
                          title="撤销这条应聘记录？撤销后可在历史应聘记录中查看。"
                          onConfirm={() => onWithdraw(a)}
                        >
                          <Button size="small">撤销</Button>
                        </Popconfirm>,
                      ]
                    : []
                }
              >
                <List.Item.Meta
                  title={
                    <Space>
                      <Typography.Text strong>{a.jobTitle}</Typography.Text>
                      <Tag
                        color={
                          a.status === 'voided'
                            ? 'default'
                            : a.status === 'invited'
                              ? 'green'
                              : 'blue'
                        }
                      >
                        {a.status === 'invited' ? '面试通知NEW' : applicationStatusLabels[a.status]}
                      </Tag>
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
