import { Button, Form, Input, Space } from 'antd';
import { Link } from 'react-router';
import { CaptchaField } from '../../../components/CaptchaField.tsx';
import { AuthCard } from '../components/AuthCard.tsx';
import { useSignInFlow } from '../components/useSignInFlow.ts';

interface Values {
  identifier: string;
  password: string;
}

export default function SeekerLoginPage() {
  const [form] = Form.useForm<Values>();
  const { captcha, submitting, submit } = useSignInFlow('seeker', form);
  return (
    <AuthCard
      title="个人求职者登录"
      subtitle="使用身份证号、港澳台通行证/居住证号或系统生成的账号登录。"
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
          label="证件号码或账号"
          rules={[{ required: true, whitespace: true, message: '请输入证件号码或账号' }]}
        >
          <Input autoComplete="username" placeholder="身份证号 / 通行证号 / 账号" maxLength={32} />
        </Form.Item>
        <Form.Item
          name="password"
          label="密码"
          rules={[
            { required: true, message: '请输入密码' },
            { pattern: /^\d{6}$/, message: '密码为6位数字' },
          ]}
        >
          <Input.Password
            autoComplete="current-password"
            inputMode="numeric"
            maxLength={6}
            placeholder="6位数字密码"
          />
        </Form.Item>
        <CaptchaField state={captcha} />
        <Button type="primary" htmlType="submit" block size="large" loading={submitting}>
          登录
        </Button>
      </Form>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginTop: 16 }}>
        <Link to="/register/seeker">注册</Link>
        <Link to="/forgot-password">忘记密码</Link>
      </Space>
    </AuthCard>
  );
}
