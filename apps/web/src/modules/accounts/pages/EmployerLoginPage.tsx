import { Button, Form, Input, Space } from 'antd';
import { Link } from 'react-router';
import { CaptchaField } from '../../../components/CaptchaField.tsx';
import { AuthCard } from '../components/AuthCard.tsx';
import { useSignInFlow } from '../components/useSignInFlow.ts';

interface Values {
  identifier: string;
  password: string;
}

export default function EmployerLoginPage() {
  const [form] = Form.useForm<Values>();
  const { captcha, submitting, submit } = useSignInFlow('employer', form);
  return (
    <AuthCard title="用人单位登录" subtitle="使用统一社会信用代码或单位全称登录。">
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
          label="统一社会信用代码或单位全称"
          rules={[
            { required: true, whitespace: true, message: '请输入统一社会信用代码或单位全称' },
          ]}
        >
          <Input autoComplete="username" placeholder="18位信用代码 / 单位全称" maxLength={100} />
        </Form.Item>
        <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
          <Input.Password autoComplete="current-password" placeholder="密码" maxLength={64} />
        </Form.Item>
        <CaptchaField state={captcha} />
        <Button type="primary" htmlType="submit" block size="large" loading={submitting}>
          登录
        </Button>
      </Form>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginTop: 16 }}>
        <Link to="/register/employer">单位注册</Link>
        <Link to="/forgot-password">忘记密码</Link>
      </Space>
    </AuthCard>
  );
}
