import { Space } from 'antd';
import { Link } from 'react-router';
import { AuthCard } from '../components/AuthCard.tsx';
import { PasswordSignInForm } from '../components/PasswordSignInForm.tsx';

export default function SeekerLoginPage() {
  return (
    <AuthCard
      title="个人求职者登录"
      subtitle="使用身份证号、港澳台通行证/居住证号或系统生成的账号登录。"
    >
      <PasswordSignInForm
        portal="seeker"
        identifier={{
          label: '证件号码或账号',
          requiredMessage: '请输入证件号码或账号',
          placeholder: '身份证号 / 通行证号 / 账号',
          maxLength: 32,
        }}
        password={{
          placeholder: '6位数字密码',
          maxLength: 6,
          inputMode: 'numeric',
          rules: [
            { required: true, message: '请输入密码' },
            { pattern: /^\d{6}$/, message: '密码为6位数字' },
          ],
        }}
      />
      <Space style={{ width: '100%', justifyContent: 'space-between', marginTop: 16 }}>
        <Link to="/register/seeker">注册</Link>
        <Link to="/forgot-password">忘记密码</Link>
      </Space>
    </AuthCard>
  );
}
