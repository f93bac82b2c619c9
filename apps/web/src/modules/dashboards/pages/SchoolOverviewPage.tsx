import { useQuery } from '@tanstack/react-query';
import { Card, Col, Row, Space, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import {
  AuditOutlined,
  CalendarOutlined,
  FileProtectOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { SchoolDashboard } from '@hirehall/shared/dashboards';
import { QueryView } from '../../../components/feedback.tsx';
import { fetchSchoolDashboard } from '../api/dashboards.api.ts';
import { StatRow } from '../components/Stat.tsx';
import { ShareBars } from '../components/TrendChart.tsx';
import { SystemMessages } from '../components/SystemMessages.tsx';

const graduateLabels: Record<string, string> = {
  imported: '待审核',
  approved: '已审核',
  rejected: '已退回',
};

/** 首页 of school (and college) staff: fairs, pending reviews, graduates, signing rates. */
export default function SchoolOverviewPage() {
  const dashboard = useQuery({ queryKey: ['dashboards', 'school'], queryFn: fetchSchoolDashboard });
  return <QueryView query={dashboard}>{(d) => <SchoolOverview d={d} />}</QueryView>;
}

function SchoolOverview({ d }: { d: SchoolDashboard }) {
  const graduates = Object.values(d.graduatesByState).reduce((a, b) => a + b, 0);
  const signed = d.signingByCollege.reduce((a, r) => a + r.signed, 0);
  const approved = d.signingByCollege.reduce((a, r) => a + r.graduates, 0);
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {d.schoolName} · {d.graduationYear}届
      </Typography.Title>
      <StatRow
        items={[
          { title: '待审核单位', value: d.admissionsPending, icon: <AuditOutlined /> },
          { title: '招聘会', value: d.fairs.length, icon: <CalendarOutlined /> },
          { title: '生源人数', value: graduates, icon: <TeamOutlined /> },
          {
            title: '签约率',
            value: approved ? `${Math.round((signed / approved) * 1000) / 10}%` : '—',
            icon: <FileProtectOutlined />,
          },
        ]}
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card size="small" title="各学院签约率">
            {d.signingByCollege.length === 0 ? (
              <Typography.Text type="secondary">暂无已审核生源</Typography.Text>
            ) : (
              <ShareBars
                rows={d.signingByCollege.map((r) => ({
                  label: r.collegeName,
                  value: r.rate,
                  note: `${r.signed}/${r.graduates}`,
                }))}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title="生源审核">
            <Space wrap>
              {Object.entries(graduateLabels).map(([k, label]) => (
                <Tag key={k}>
                  {label} {d.graduatesByState[k] ?? 0}
                </Tag>
              ))}
            </Space>
            {d.admissionsPending > 0 && (
              <div style={{ marginTop: 12 }}>
                <Link to="/school/admissions">有 {d.admissionsPending} 家单位待审核 →</Link>
              </div>
            )}
          </Card>
        </Col>
      </Row>
      <Card size="small" title="招聘会">
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={d.fairs}
          scroll={{ x: 560 }}
          locale={{ emptyText: '暂无招聘会' }}
          columns={[
            { title: '名称', dataIndex: 'title' },
            {
              title: '开始',
              dataIndex: 'startsAt',
              render: (v: string) => new Date(v).toLocaleDateString('zh-CN'),
            },
            { title: '参会单位', dataIndex: 'employers' },
            { title: '待审报名', dataIndex: 'pendingSignups' },
            { title: '职位', dataIndex: 'jobs' },
            { title: '关注人次', dataIndex: 'views' },
          ]}
        />
      </Card>
      <SystemMessages items={d.systemMessages} />
    </Space>
  );
}
