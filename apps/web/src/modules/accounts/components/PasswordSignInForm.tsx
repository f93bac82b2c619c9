import { Button, Form, Input } from 'antd';
import type { Rule } from 'antd/es/form';
import type { Portal } from '../api/accounts.api.ts';
import { CaptchaField } from '../../../components/CaptchaField.tsx';
import { useSignInFlow } from './useSignInFlow.ts';

interface Values {
  identifier: string;
  password: string;
}

/** How one portal asks for the identifier (ID number, user name, credit code …). */
export interface IdentifierInput {
  label: string;
  requiredMessage: string;
  placeholder: string;
  maxLength: number;
}

/** How one portal asks for the password; the default is any password up to 64 characters. */
export interface PasswordInput {
  placeholder: string;
  maxLength: number;
  rules: Rule[];
  inputMode?: 'numeric';
}

const anyPassword: PasswordInput = {
  placeholder: '密码',
  maxLength: 64,
  rules: [{ required: true, message: '请输入密码' }],
};

/** Identifier + password (+ captcha on demand) sign-in form of one portal. */
export function PasswordSignInForm({
  portal,
  identifier,
  password = anyPassword,
}: {
  portal: Portal;
  identifier: IdentifierInput;
  password?: PasswordInput;
}) {
  const [form] = Form.useForm<Values>();
  const { captcha, submitting, submit } = useSignInFlow(portal, form);
  return (
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
        label={identifier.label}
        rules={[{ required: true, whitespace: true, message: identifier.requiredMessage }]}
      >
        <Input
          autoComplete="username"
          placeholder={identifier.placeholder}
          maxLength={identifier.maxLength}
        />
      </Form.Item>
      <Form.Item name="password" label="密码" rules={password.rules}>
        <Input.Password
          autoComplete="current-password"
          inputMode={password.inputMode}
          maxLength={password.maxLength}
          placeholder={password.placeholder}
        />
      </Form.Item>
      <CaptchaField state={captcha} />
      <Button type="primary" htmlType="submit" block size="large" loading={submitting}>
        登录
      </Button>
    </Form>
  );
}
