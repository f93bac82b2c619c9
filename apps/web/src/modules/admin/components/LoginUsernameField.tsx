import { Form, Input } from 'antd';

/** The 登录用户名 of a staff account being created (3–32 letters, digits, _ . -). */
export function LoginUsernameField() {
  return (
    <Form.Item
      name="username"
      label="登录用户名"
      rules={[
        { required: true, message: '请填写登录用户名' },
        {
          pattern: /^[A-Za-z0-9_.-]{3,32}$/,
          message: '用户名为3-32位字母、数字、下划线、点或短横线',
        },
      ]}
    >
      <Input maxLength={32} autoComplete="off" />
    </Form.Item>
  );
}
