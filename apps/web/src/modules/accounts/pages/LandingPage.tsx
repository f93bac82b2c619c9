import { Card, Col, Row, Typography } from 'antd';
import {
  BankOutlined,
  IdcardOutlined,
  ReadOutlined,
  SafetyCertificateOutlined,
  SettingOutlined,
} from '@ant-design/icons';
import { Link } from 'react-router';

const entries = [
  {
    to: '/login/seeker',
    title: '个人求职者',
    icon: <IdcardOutlined />,
    text: '身份证号（或通行证号）和6位数字密码登录；没有账号可实名注册。',
  },
  {
    to: '/login/graduate',
    title: '毕业生',
    icon: <ReadOutlined />,
    text: '学号或手机号登录；首次使用请先激活账号。',
  },
  {
    to: '/login/certified',
    title: '认证人员',
    icon: <SafetyCertificateOutlined />,
    text: '认证人员信息库中的手机号登录。',
  },
  {
    to: '/login/employer',
    title: '用人单位',
    icon: <BankOutlined />,
    text: '统一社会信用代码或单位全称登录；新单位请先注册并等待学校审核。',
  },
  {
    to: '/login/staff',
    title: '认证机构/学校/管理员',
    icon: <SettingOutlined />,
    text: '使用平台分配的账号登录，首次登录需修改初始密码。',
  },
];

export default function LandingPage() {
  return (
    <>
      <div style={{ textAlign: 'center', margin: '8px 0 28px' }}>
        <Typography.Title level={2} style={{ marginBottom: 8 }}>
          HireHall 就业服务平台
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ fontSize: 15, margin: 0 }}>
          网络招聘会、面试、网签三方协议与求职服务，一站办理。请选择您的身份登录。
        </Typography.Paragraph>
      </div>
      <Row gutter={[16, 16]}>
        {entries.map((entry) => (
          <Col key={entry.to} xs={24} sm={12} lg={8}>
            <Link to={entry.to}>
              <Card hoverable style={{ height: '100%' }}>
                <Card.Meta
                  avatar={<span style={{ fontSize: 32, color: '#1677ff' }}>{entry.icon}</span>}
                  title={`${entry.title}登录`}
                  description={entry.text}
                />
              </Card>
            </Link>
          </Col>
        ))}
      </Row>
    </>
  );
}
