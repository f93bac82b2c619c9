import { useState } from 'react';
import { Button, Form, Input, Typography } from 'antd';
import { Link } from 'react-router';
import { CaptchaField } from '../../../components/CaptchaField.tsx';
import { useFormErrors } from '../../../lib/useFormErrors.ts';
import { bindCertified, lookupCertifiedPhone } from '../api/accounts.api.ts';
import { SmsCodeField } from '../components/SmsCodeField.tsx';
import { AuthCard } from '../components/AuthCard.tsx';
import { NewPasswordFields } from '../components/passwords.tsx';
import { useFinishSignIn, useSignInFlow } from '../components/useSignInFlow.ts';

interface Values {
  phone: string;
  password: string;
  smsCode?: string;
  passwordRepeat?: string;
}

const phoneRules = [
  { required: true, message: '请输入手机号' },
  { pattern: /^1[3-9]\d{9}$/, message: '请输入11位手机号码' },
];

export default function CertifiedLoginPage() {
  const [form] = Form.useForm<Values>();
  const [state, setState] = useState<'phone' | 'bound' | 'unbound'>('phone');
  const [busy, setBusy] = useState(false);
  const { captcha, submitting, submit } = useSignInFlow('certified', form);
  const finish = useFinishSignIn('certified');
  const showError = useFormErrors(form, {
    PHONE_NOT_IN_REGISTRY: 'phone',
    SMS_CODE_INVALID: 'smsCode',
    WEAK_PASSWORD: 'password',
  });

  const next = async () => {
    const { phone } = await form.validateFields(['phone']);
    setBusy(true);
    try {
      const result = await lookupCertifiedPhone(phone.trim());
      setState(result.state);
    } catch (error) {
      showError(error);
    } finally {
      setBusy(false);
    }
  };

  const bind = async (values: Values) => {
    setBusy(true);
    try {
      const result = await bindCertified({
        phone: values.phone.trim(),
        smsCode: (values.smsCode ?? '').trim(),
        password: values.password,
      });
      finish(result.account);
    } catch (error) {
      showError(error);
    } finally {
      setBusy(false);
    }
  };

  const onFinish = (values: Values) => {
    if (state === 'phone') void next();
    else if (state === 'bound')
      void submit({ identifier: values.phone.trim(), password: values.password });
    else void bind(values);
  };

  return (
    <AuthCard title="认证人员登录" subtitle="请输入认证人员信息库中登记的手机号。">
      <Form form={form} layout="vertical" requiredMark={false} onFinish={onFinish}>
        <Form.Item name="phone" label="手机号" rules={phoneRules}>
          <Input
            autoComplete="username"
            inputMode="tel"
            placeholder="11位手机号"
            maxLength={11}
            disabled={state !== 'phone'}
          />
        </Form.Item>
        {state !== 'phone' && (
          <Typography.Paragraph>
            <a
              onClick={() => {
                setState('phone');
                form.resetFields(['password', 'passwordRepeat', 'smsCode']);
              }}
            >
              更换手机号
            </a>
          </Typography.Paragraph>
        )}
        {state === 'bound' && (
          <>
            <Form.Item
              name="password"
              label="密码"
              rules={[{ required: true, message: '请输入密码' }]}
            >
              <Input.Password autoComplete="current-password" placeholder="密码" maxLength={64} />
            </Form.Item>
            <CaptchaField state={captcha} />
          </>
        )}
        {state === 'unbound' && (
          <>
            <Typography.Paragraph type="secondary">
              首次登录：请获取短信验证码并设置登录密码。
            </Typography.Paragraph>
            <SmsCodeField form={form} purpose="certified_bind" />
            <NewPasswordFields kind="standard" />
          </>
        )}
        {/* one button per step: no loading indicator of the previous step lingers in its name */}
        <Button
          key={state}
          type="primary"
          htmlType="submit"
          block
          size="large"
          loading={busy || submitting}
        >
          {state === 'phone' ? '下一步' : state === 'bound' ? '登录' : '设置密码并登录'}
        </Button>
      </Form>
      <div style={{ textAlign: 'right', marginTop: 16 }}>
        <Link to="/forgot-password">忘记密码</Link>
      </div>
    </AuthCard>
  );
}
