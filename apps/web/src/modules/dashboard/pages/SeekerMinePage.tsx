import { Avatar, Card, List, Typography } from 'antd';
import { KeyOutlined, RightOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { seekerMineMenu } from '../../../app/navigation.tsx';
import { useSignedInAccount } from '../../../app/session.ts';

export default function SeekerMinePage() {
  const account = useSignedInAccount();
  const items = [
    ...seekerMineMenu.map((item) => ({ to: item.path, label: item.label, icon: item.icon })),
    { to: '/password/change', label: '修改密码', icon: <KeyOutlined /> },
  ];
  return (
    <>
      <Card style={{ marginBottom: 12 }}>
        <Card.Meta
          avatar={
            <Avatar size={48} style={{ background: '#1677ff' }}>
              {account.displayName.slice(0, 1)}
            </Avatar>
          }
          title={account.displayName}
          description="我的"
        />
      </Card>
      <Card styles={{ body: { padding: '0 16px' } }}>
        <List
          dataSource={items}
          renderItem={(item) => (
            <List.Item>
              <Link
                to={item.to}
                style={{
                  display: 'flex',
                  width: '100%',
                  alignItems: 'center',
                  color: 'inherit',
                  padding: '4px 0',
                }}
              >
                {item.icon && <span style={{ marginRight: 8 }}>{item.icon}</span>}
                <Typography.Text style={{ flex: 1 }}>{item.label}</Typography.Text>
                <RightOutlined style={{ color: 'rgba(0,0,0,0.25)' }} />
              </Link>
            </List.Item>
          )}
        />
      </Card>
    </>
  );
}
