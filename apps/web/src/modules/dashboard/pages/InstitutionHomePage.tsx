import { Card, Col, Row } from 'antd';
import { DatabaseOutlined, EyeOutlined, SolutionOutlined, WalletOutlined } from '@ant-design/icons';
import { useSignedInAccount } from '../../../app/session.ts';
import { ComingSoon } from '../../../components/feedback.tsx';
import { Greeting, OverviewCards, SystemMessagesCard } from '../components/DashboardParts.tsx';

/** 人才库 is the institution's landing page; the talent pool module fills it later. */
export default function InstitutionHomePage() {
  const account = useSignedInAccount();
  return (
    <>
      <Greeting name={account.organization?.name ?? account.displayName} text="认证机构 · 人才库" />
      <OverviewCards
        items={[
          { title: '会员点数', icon: <WalletOutlined /> },
          { title: '人才库人数', icon: <DatabaseOutlined /> },
          { title: '已查看联系方式', icon: <EyeOutlined /> },
          { title: '在招职位', icon: <SolutionOutlined /> },
        ]}
      />
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} lg={16}>
          <Card title="人才库">
            <ComingSoon title="人才库" />
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <SystemMessagesCard />
        </Col>
      </Row>
    </>
  );
}
