import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, List, Row, Space, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import {
  CalendarOutlined,
  FileTextOutlined,
  SolutionOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { EmployerDashboard } from '@hirehall/shared/dashboards';
import { QueryView } from '../../../components/feedback.tsx';
import { useSignedInAccount } from '../../../app/session.ts';
import { AdmissionsStatusCard } from '../../organizations/components/AdmissionsStatusCard.tsx';
import { fetchEmployerDashboard } from '../api/dashboards.api.ts';
import { StatRow } from '../components/Stat.tsx';
import { SystemMessages } from '../components/SystemMessages.tsx';

const markLabels: Record<string, string> = {
  qualified: '合格',
  eliminated: '淘汰',
  undecided: '待定',
  unmarked: '未标记',
};
const offerLabels: Record<string, string> = {
  draft: '草稿',
  sent: '待确认',
  accepted: '已签约',
  rejected: '已拒绝',
  expired: '已过期',
  superseded: '已失效',
  terminated: '已解约',
};
const jobStatusLabels: Record<string, string> = {
  draft: '草稿',
  in_review: '审核中',
  published: '招聘中',
  paused: '已暂停',
  closed: '已结束',
  returned: '已退回',
};

/** 首页 of the employer console (seed 002 §3): 数据概览、最新简历、系统消息. */
export default function EmployerOverviewPage() {
  const account = useSignedInAccount();
  const dashboard = useQuery({
    queryKey: ['dashboards', 'employer'],
    queryFn: fetchEmployerDashboard,
  });
  return (
    <QueryView query={dashboard}>
      {(d) => (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <div>
            <Typography.Title level={4} style={{ margin: 0 }}>
              您好，{d.organizationName}
            </Typography.Title>
            <Typography.Text type="secondary">数据概览</Typography.Text>
          </div>
          {d.organizationStatus === 'suspended' && (
            <Alert
              type="error"
              showIcon
              title="贵单位已被暂停发布职位"
              description={
                <Link
                  to={`/${account.role === 'institution' ? 'institution' : 'employer'}/verification`}
                >
                  查看原因或确认单位信息
                </Link>
              }
            />
          )}
          <StatRow
            items={[
              { title: '在招职位', value: d.postings.published ?? 0, icon: <SolutionOutlined /> },
              { title: '收到简历', value: d.applicationsTotal, icon: <FileTextOutlined /> },
              { title: '今日面试', value: d.interviewsToday ?? '—', icon: <CalendarOutlined /> },
              { title: '已签约', value: d.offersByState.accepted ?? 0, icon: <TeamOutlined /> },
            ]}
          />
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={14}>
              <LatestResumes d={d} />
            </Col>
            <Col xs={24} lg={10}>
              <Space direction="vertical" size={16} style={{ width: '100%' }}>
                <Card size="small" title="简历标记">
                  <Space wrap>
                    {Object.entries(markLabels).map(([k, label]) => (
                      <Tag key={k}>
                        {label} {d.applicationsByMark[k] ?? 0}
                      </Tag>
                    ))}
                  </Space>
                </Card>
                <Card size="small" title="三方协议">
                  <Space wrap>
                    {Object.entries(offerLabels).map(([k, label]) =>
                      d.offersByState[k] ? (
                        <Tag key={k}>
                          {label} {d.offersByState[k]}
                        </Tag>
                      ) : null,
                    )}
                    {Object.keys(d.offersByState).length === 0 && (
                      <Typography.Text type="secondary">暂无邀约</Typography.Text>
                    )}
                  </Space>
                </Card>
                <SystemMessages items={d.systemMessages} />
              </Space>
            </Col>
          </Row>
          <PostingApplicants d={d} />
          {account.role === 'employer' && <AdmissionsStatusCard />}
        </Space>
      )}
    </QueryView>
  );
}

function LatestResumes({ d }: { d: EmployerDashboard }) {
  return (
    <Card size="small" title="最新简历">
      <List
        size="small"
        dataSource={d.latestResumes}
        locale={{ emptyText: '暂无投递' }}
        renderItem={(r) => (
          <List.Item key={r.applicationId} data-testid="latest-resume">
            <List.Item.Meta
              title={`${r.seekerName} · ${r.jobTitle}`}
              description={new Date(r.createdAt).toLocaleString('zh-CN')}
            />
            {r.mark ? <Tag>{markLabels[r.mark] ?? r.mark}</Tag> : <Tag color="blue">新</Tag>}
          </List.Item>
        )}
      />
    </Card>
  );
}

/** 职位投递记录: postings with applicant counts. */
export function PostingApplicants({ d }: { d: EmployerDashboard }) {
  return (
    <Card size="small" title="职位投递记录">
      <Table
        size="small"
        rowKey="jobId"
        pagination={false}
        dataSource={d.postingApplicants}
        locale={{ emptyText: '暂无职位' }}
        columns={[
          { title: '职位', dataIndex: 'title' },
          {
            title: '状态',
            dataIndex: 'status',
            width: 90,
            render: (s: string) => jobStatusLabels[s] ?? s,
          },
          {
            title: '投递',
            dataIndex: 'applicants',
            width: 80,
            render: (n: number) => `${n}人投递`,
          },
        ]}
      />
    </Card>
  );
}
