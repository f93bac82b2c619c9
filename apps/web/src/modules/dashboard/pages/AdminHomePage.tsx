import { Card, Col, List, Row } from 'antd';
import { Link } from 'react-router';
import {
  BankOutlined,
  SafetyCertificateOutlined,
  TeamOutlined,
  AuditOutlined,
} from '@ant-design/icons';
import { useSignedInAccount } from '../../../app/session.ts';
import { Greeting, OverviewCards, SystemMessagesCard } from '../components/DashboardParts.tsx';

const shortcuts = [
  { to: '/admin/schools', text: '学校管理：创建学校和学院' },
  { to: '/admin/institutions', text: '认证机构：开通机构账号和点数' },
  { to: '/admin/staff', text: '账号管理：创建学校、机构、管理员账号' },
  { to: '/admin/registry', text: '认证人员信息库导入' },
  { to: '/admin/certification-changes', text: '认证变更审核' },
];

export default function AdminHomePage() {
  const account = useSignedInAccount();
  return (
    <>
      <Greeting name={account.displayName} text="平台管理工作台" />
      <OverviewCards
        items={[
          { title: '学校', icon: <BankOutlined /> },
          { title: '认证机构', icon: <SafetyCertificateOutlined /> },
          { title: '用人单位', icon: <TeamOutlined /> },
          { title: '待审认证变更', icon: <AuditOutlined /> },
        ]}
      />
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} lg={12}>
          <Card title="常用操作">
            <List
              dataSource={shortcuts}
              renderItem={(item) => (
                <List.Item>
                  <Link to={item.to}>{item.text}</Link>
                </List.Item>
              )}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <SystemMessagesCard />
        </Col>
      </Row>
    </>
  );
}
