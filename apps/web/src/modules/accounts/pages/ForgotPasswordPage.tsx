import { useState } from 'react';
import { Alert, Button, Form, Input, Radio, Result } from 'antd';
import { Link } from 'react-router';
import { useFormErrors } from '../../../lib/useFormErrors.ts';
import { resetPassword } from '../api/accounts.api.ts';
import { AuthCard } from '../components/AuthCard.tsx';
import { NewPasswordFields, type PasswordKind } from '../components/passwords.tsx';
import { SmsCodeField } from '../components/SmsCodeField.tsx';

interface Values {
  phone: string;
  smsCode: string;
  newPassword: string;
  newPasswordRepeat?: string;
}

export default function ForgotPasswordPage() {
  const [form] = Form.useForm<Values>();
  const [kind, setKind] = useState<PasswordKind>('pin');
  const [done, setDone] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const showError = useFormErrors(form, {
    SMS_CODE_INVALID: 'smsCode',
    WEAK_PASSWORD: 'newPassword',
  });

  const onFinish = async (values: Values) => {
    setSubmitting(true);
    try {
      await resetPassword({
        phone: values.phone.trim(),
        smsCode: values.smsCode.trim(),
        newPassword: values.newPassword,
      });
      setDone(true);
    } catch (error) {
      showError(error);
    } finally {
      setSubmitting(false);
    }
  };

  if (done) {
    return (
      <div className="hh-auth-card">
        <Result
          status="success"
          title="密码已重置"
          subTitle="请使用新密码登录。其他设备上的登录已失效。"
          extra={
            <Link to="/">
              <Button type="primary">去登录</Button>
            </Link>
          }
        />
      </div>
    );
  }

  return (
    <AuthCard title="忘记密码" subtitle="通过账号绑定的手机号接收验证码，设置新密码。">
      <Form form={form} layout="vertical" requiredMark={false} onFinish={(v) => void onFinish(v)}>
        <Form.Item
          name="phone"
          label="手机号"
          rules={[
            { required: true, message: '请输入手机号' },
            { pattern: /^1[3-9]\d{9}$/, message: '请输入正确的11位手机号码' },
          ]}
        >
          <Input inputMode="tel" autoComplete="tel" placeholder="账号绑定的手机号" maxLength={11} />
        </Form.Item>
        <SmsCodeField form={form} purpose="reset_password" />
        <Form.Item label="账号类型">
          <Radio.Group
            value={kind}
            onChange={(event) => {
              setKind(event.target.value as PasswordKind);
              form.resetFields(['newPassword', 'newPasswordRepeat']);
            }}
            options={[
              { value: 'pin', label: '个人求职者（6位数字密码）' },
              { value: 'standard', label: '其他账号' },
            ]}
          />
        </Form.Item>
        <NewPasswordFields kind={kind} name="newPassword" label="新密码" />
        <Alert
          type="info"
          title="未绑定手机号的账号请联系学校或平台管理员重置密码。"
          style={{ marginBottom: 16 }}
        />
        <Button type="primary" htmlType="submit" block size="large" loading={submitting}>
          重置密码
        </Button>
      </Form>
    </AuthCard>
  );
}
