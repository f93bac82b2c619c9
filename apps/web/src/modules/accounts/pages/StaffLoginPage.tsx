import { Button, Form, Input } from 'antd';
import { CaptchaField } from '../../../components/CaptchaField.tsx';
import { AuthCard } from '../components/AuthCard.tsx';
import { useSignInFlow } from '../components/useSignInFlow.ts';

interface Values {
  identifier: string;
  password: string;
}

export default function StaffLoginPage() {
  const [form] = Form.useForm<Values>();
  const { captcha, submitting, submit } = useSignInFlow('staff', form);
  return (
    <AuthCard
      title="认证机构/学校/管理员登录"
      subtitle="使用平台或学校分配的用户名登录；首次登录需修改初始密码。"
    >
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={(values) =>
          void submit({ identifier: values.identifier.trim(), password: values.password })
        }
      >
        <Form.Item
          name="identifier"
          label="用户名"
          rules={[{ required: true, whitespace: true, message: '请输入用户名' }]}
        >
          <Input autoComplete="username" placeholder="用户名" maxLength={64} />
        </Form.Item>
        <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
          <Input.Password autoComplete="current-password" placeholder="密码" maxLength={64} />
        </Form.Item>
        <CaptchaField state={captcha} />
        <Button type="primary" htmlType="submit" block size="large" loading={submitting}>
          登录
        </Button>
      </Form>
    </AuthCard>
  );
}
