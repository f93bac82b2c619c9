import { Space } from 'antd';
import { Link } from 'react-router';
import { AuthCard } from '../components/AuthCard.tsx';
import { PasswordSignInForm } from '../components/PasswordSignInForm.tsx';

export default function EmployerLoginPage() {
  return (
    <AuthCard title="用人单位登录" subtitle="使用统一社会信用代码或单位全称登录。">
      <PasswordSignInForm
        portal="employer"
        identifier={{
          label: '统一社会信用代码或单位全称',
          requiredMessage: '请输入统一社会信用代码或单位全称',
          placeholder: '18位信用代码 / 单位全称',
          maxLength: 100,
        }}
      />
      <Space style={{ width: '100%', justifyContent: 'space-between', marginTop: 16 }}>
        <Link to="/register/employer">单位注册</Link>
        <Link to="/forgot-password">忘记密码</Link>
      </Space>
    </AuthCard>
  );
}
