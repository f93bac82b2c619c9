import { Button, Card, Col, Row } from 'antd';
import {
  AuditOutlined,
  CalendarOutlined,
  FileProtectOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useSignedInAccount } from '../../../app/session.ts';
import {
  fetchSchoolAdmissions,
  organizationKeys,
} from '../../organizations/api/organizations.api.ts';
import { Greeting, OverviewCards, SystemMessagesCard } from '../components/DashboardParts.tsx';

function SchoolStaffHome() {
  const account = useSignedInAccount();
  const pending = useQuery({
    queryKey: organizationKeys.schoolQueue('pending'),
    queryFn: () => fetchSchoolAdmissions('pending'),
  });
  return (
    <>
      <Greeting
        name={account.displayName}
        text={`${account.organization?.name ?? ''} 就业指导中心工作台`}
      />
      <OverviewCards
        items={[
          {
            title: '待审核单位',
            value: pending.data?.length,
            icon: <AuditOutlined />,
          },
          { title: '招聘会', icon: <CalendarOutlined /> },
          { title: '生源人数', icon: <TeamOutlined /> },
          { title: '待审签约', icon: <FileProtectOutlined /> },
        ]}
      />
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} lg={12}>
          <Card title="待办事项">
            <p>
              {pending.data?.length
                ? `有 ${pending.data.length} 家单位的入驻申请等待审核。`
                : '暂无待审核的单位入驻申请。'}
            </p>
            <Link to="/school/admissions">
              <Button type="primary">去单位审核</Button>
            </Link>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <SystemMessagesCard />
        </Col>
      </Row>
    </>
  );
}

function CollegeStaffHome() {
  const account = useSignedInAccount();
  return (
    <>
      <Greeting
        name={account.displayName}
        text={`${account.organization?.name ?? ''} 学院工作台：审核本院生源信息和签约。`}
      />
      <OverviewCards
        items={[
          { title: '本院生源', icon: <TeamOutlined /> },
          { title: '待审生源', icon: <AuditOutlined /> },
          { title: '待审签约', icon: <FileProtectOutlined /> },
          { title: '招聘会', icon: <CalendarOutlined /> },
        ]}
      />
      <div style={{ marginTop: 16 }}>
        <SystemMessagesCard />
      </div>
    </>
  );
}

export default function SchoolHomePage() {
  const account = useSignedInAccount();
  return account.role === 'college' ? <CollegeStaffHome /> : <SchoolStaffHome />;
}
