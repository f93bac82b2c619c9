import { Card, Col, Row, Typography } from 'antd';
import { CalendarOutlined, SearchOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useSignedInAccount } from '../../../app/session.ts';
import { OverviewCards, SystemMessagesCard } from '../components/DashboardParts.tsx';

const kindLabels = { public: '个人求职者', graduate: '毕业生', certified: '认证人员' } as const;

export default function SeekerHomePage() {
  const account = useSignedInAccount();
  const kinds = account.seekerKinds.map((kind) => kindLabels[kind]).join(' · ');
  return (
    <>
      <Typography.Title level={4} style={{ marginTop: 0, marginBottom: 4 }}>
        您好，{account.displayName}
      </Typography.Title>
      {kinds && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 16 }}>
          {kinds}
        </Typography.Paragraph>
      )}
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
        <Col span={12}>
          <Link to="/seeker/jobs">
            <Card hoverable size="small" style={{ textAlign: 'center' }}>
              <SearchOutlined style={{ fontSize: 28, color: '#1677ff' }} />
              <div style={{ marginTop: 6 }}>职位搜索</div>
            </Card>
          </Link>
        </Col>
        <Col span={12}>
          <Link to="/seeker/jobfairs">
            <Card hoverable size="small" style={{ textAlign: 'center' }}>
              <CalendarOutlined style={{ fontSize: 28, color: '#1677ff' }} />
              <div style={{ marginTop: 6 }}>招聘会</div>
            </Card>
          </Link>
        </Col>
      </Row>
      <OverviewCards
        items={[
          { title: '剩余应聘名额', hint: '最多同时应聘10个岗位' },
          { title: '面试通知' },
          { title: '职位收藏', hint: '最多收藏10个' },
          { title: '未读消息' },
        ]}
      />
      <div style={{ marginTop: 16 }}>
        <SystemMessagesCard />
      </div>
    </>
  );
}
