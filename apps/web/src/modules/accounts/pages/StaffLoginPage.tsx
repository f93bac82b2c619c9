import { AuthCard } from '../components/AuthCard.tsx';
import { PasswordSignInForm } from '../components/PasswordSignInForm.tsx';

export default function StaffLoginPage() {
  return (
    <AuthCard
      title="认证机构/学校/管理员登录"
      subtitle="使用平台或学校分配的用户名登录；首次登录需修改初始密码。"
    >
      <PasswordSignInForm
        portal="staff"
        identifier={{
          label: '用户名',
          requiredMessage: '请输入用户名',
          placeholder: '用户名',
          maxLength: 64,
        }}
      />
    </AuthCard>
  );
}
