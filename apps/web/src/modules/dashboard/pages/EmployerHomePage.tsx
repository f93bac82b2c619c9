import { Alert, Col, Row } from 'antd';
import {
  FileTextOutlined,
  SolutionOutlined,
  TeamOutlined,
  VideoCameraOutlined,
} from '@ant-design/icons';
import { useSignedInAccount } from '../../../app/session.ts';
import { AdmissionsStatusCard } from '../../organizations/components/AdmissionsStatusCard.tsx';
import { Greeting, OverviewCards, SystemMessagesCard } from '../components/DashboardParts.tsx';

export default function EmployerHomePage() {
  const account = useSignedInAccount();
  return (
    <>
      <Greeting
        name={account.organization?.name ?? account.displayName}
        text="欢迎使用用人单位工作台。学校审核通过后，可在顶部切换学校和毕业年份。"
      />
      {!account.context.schoolId && (
        <Alert
          type="info"
          showIcon
          title="贵单位尚未选择学校。在下方查看各学校的入驻审核进度；审核通过后即可开展招聘和网签业务。"
          style={{ marginBottom: 16 }}
        />
      )}
      <OverviewCards
        items={[
          { title: '在招职位', icon: <SolutionOutlined /> },
          { title: '收到简历', icon: <FileTextOutlined /> },
          { title: '今日面试', icon: <VideoCameraOutlined /> },
          { title: '已签约', icon: <TeamOutlined /> },
        ]}
      />
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} lg={14}>
          <AdmissionsStatusCard />
        </Col>
        <Col xs={24} lg={10}>
          <SystemMessagesCard />
        </Col>
      </Row>
    </>
  );
}
