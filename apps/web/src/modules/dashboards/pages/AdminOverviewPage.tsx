import { useQuery } from '@tanstack/react-query';
import { Card, Col, List, Row, Space, Typography } from 'antd';
import { Link } from 'react-router';
import {
  BankOutlined,
  FileTextOutlined,
  FlagOutlined,
  MessageOutlined,
  SafetyCertificateOutlined,
  SolutionOutlined,
  StopOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { QueryView } from '../../../components/feedback.tsx';
import { fetchAdminDashboard } from '../api/dashboards.api.ts';
import { StatRow } from '../components/Stat.tsx';
import { TrendChart } from '../components/TrendChart.tsx';

const shortcuts = [
  { to: '/admin/feedback', text: '意见反馈与违规举报' },
  { to: '/admin/job-reviews', text: '职位审核' },
  { to: '/admin/chat-safety', text: '被标记的洽谈消息' },
  { to: '/admin/banners', text: '轮播图管理' },
  { to: '/admin/broadcasts', text: '发布系统消息' },
  { to: '/admin/audit', text: '审计日志' },
  { to: '/admin/organization-admin', text: '单位管理：信息、暂停、会员点数' },
  { to: '/admin/accounts', text: '账号管理：停用与恢复' },
  { to: '/admin/schools', text: '学校管理' },
  { to: '/admin/institutions', text: '认证机构' },
];

/** The platform admin's home: totals, what needs attention, a 30-day trend. */
export default function AdminOverviewPage() {
  const dashboard = useQuery({ queryKey: ['dashboards', 'admin'], queryFn: fetchAdminDashboard });
  return (
    <QueryView query={dashboard}>
      {(d) => {
        const openFeedback = Object.values(d.openFeedback).reduce((a, b) => a + b, 0);
        const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);
        return (
          <Space direction="vertical" size={16} style={{ width: '100%' }}>
            <Typography.Title level={4} style={{ margin: 0 }}>
              平台概览
            </Typography.Title>
            <StatRow
              items={[
                { title: '学校', value: d.organizations.school ?? 0, icon: <BankOutlined /> },
                { title: '用人单位', value: d.organizations.company ?? 0, icon: <TeamOutlined /> },
                {
                  title: '认证机构',
                  value: d.organizations.institution ?? 0,
                  icon: <SafetyCertificateOutlined />,
                },
                { title: '求职者', value: d.seekers, icon: <TeamOutlined /> },
                { title: '职位', value: sum(d.postings), icon: <SolutionOutlined /> },
                { title: '投递', value: d.applications, icon: <FileTextOutlined /> },
                { title: '待处理反馈', value: openFeedback, icon: <FlagOutlined /> },
                { title: '待处理被标记消息', value: d.flaggedMessages, icon: <MessageOutlined /> },
                { title: '待审职位', value: d.postingsInReview, icon: <SolutionOutlined /> },
                { title: '暂停单位', value: d.suspendedOrganizations, icon: <StopOutlined /> },
              ]}
            />
            <Row gutter={[16, 16]}>
              <Col xs={24} lg={16}>
                <Card size="small" title="近30天趋势">
                  <TrendChart
                    data={d.trend}
                    series={[
                      { key: 'seekers', label: '新注册求职者', color: '#1677ff' },
                      { key: 'applications', label: '投递', color: '#52c41a' },
                      { key: 'postings', label: '发布职位', color: '#fa8c16' },
                    ]}
                  />
                </Card>
              </Col>
              <Col xs={24} lg={8}>
                <Card size="small" title="常用操作">
                  <List
                    size="small"
                    dataSource={shortcuts}
                    renderItem={(s) => (
                      <List.Item>
                        <Link to={s.to}>{s.text}</Link>
                      </List.Item>
                    )}
                  />
                </Card>
              </Col>
            </Row>
          </Space>
        );
      }}
    </QueryView>
  );
}
