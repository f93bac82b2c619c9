import { useState } from 'react';
import { Alert, Button, Form, Input, Radio, Typography } from 'antd';
import { Link, Navigate, useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { homePathOf, useAuth } from '../../../app/session.ts';
import { LoadFailed, PageLoading } from '../../../components/feedback.tsx';
import { useFormErrors } from '../../../lib/useFormErrors.ts';
import { changePassword, fetchMe, sendPasswordChangeCode } from '../api/accounts.api.ts';
import { AuthCard } from '../components/AuthCard.tsx';
import { NewPasswordFields } from '../components/passwords.tsx';
import { SmsCodeField } from '../components/SmsCodeField.tsx';
import { useFeedback } from '../../../app/AppFeedback.tsx';

interface Values {
  currentPassword?: string;
  smsCode?: string;
  newPassword: string;
}

/** How the person proves it is them (seed 004 §8): the current password or an SMS code. */
type Method = 'password' | 'sms';

export default function ChangePasswordPage() {
  const { account, setAccount, loadError, reload } = useAuth();
  const [form] = Form.useForm<Values>();
  const [submitting, setSubmitting] = useState(false);
  const [method, setMethod] = useState<Method>('password');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = useFeedback();
  const showError = useFormErrors(form, {
    INVALID_CREDENTIALS: 'currentPassword',
    CURRENT_PASSWORD_WRONG: 'currentPassword',
    SMS_CODE_INVALID: 'smsCode',
    WEAK_PASSWORD: 'newPassword',
  });

  if (account === undefined) {
    return loadError ? <LoadFailed error={loadError} onRetry={reload} /> : <PageLoading />;
  }
  if (account === null) return <Navigate to="/?expired=1" replace />;

  const forced = account.mustChangePassword;
  const onFinish = async (values: Values) => {
    setSubmitting(true);
    try {
      await changePassword(
        method === 'sms'
          ? { smsCode: (values.smsCode ?? '').trim(), newPassword: values.newPassword }
          : { currentPassword: values.currentPassword ?? '', newPassword: values.newPassword },
      );
      const me = await fetchMe().catch(() => null);
      const next = me ?? { ...account, mustChangePassword: false };
      setAccount(next);
      void queryClient.invalidateQueries();
      message.success('密码已修改');
      navigate(homePathOf(next), { replace: true });
    } catch (error) {
      showError(error);
    } finally {
      setSubmitting(false);
    }
  };

  const sendCode = async () => {
    const sent = await sendPasswordChangeCode();
    setSentTo(sent.maskedPhone);
    return sent.cooldownSeconds;
  };

  return (
    <AuthCard title={forced ? '请先修改初始密码' : '修改密码'}>
      {forced ? (
        <Alert
          type="warning"
          showIcon
          title="为了账号安全，首次登录须修改初始密码，修改后才能继续使用。"
          style={{ marginBottom: 16 }}
        />
      ) : null}
      <Form form={form} layout="vertical" requiredMark={false} onFinish={(v) => void onFinish(v)}>
        <Form.Item label="验证身份">
          <Radio.Group
            value={method}
            onChange={(event) => {
              setMethod(event.target.value as Method);
              form.resetFields(['currentPassword', 'smsCode']);
            }}
            options={[
              { value: 'password', label: '密码验证' },
              { value: 'sms', label: '短信验证' },
            ]}
          />
        </Form.Item>
        {method === 'password' ? (
          <Form.Item
            name="currentPassword"
            label={forced ? '初始密码' : '当前密码'}
            rules={[{ required: true, message: '请输入当前密码' }]}
          >
            <Input.Password autoComplete="current-password" maxLength={128} />
          </Form.Item>
        ) : (
          <>
            <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
              {sentTo
                ? `验证码已发送至 ${sentTo}，5分钟内有效。`
                : '验证码将发送至账号绑定的手机号。'}
            </Typography.Paragraph>
            <SmsCodeField form={form} send={sendCode} />
          </>
        )}
        <NewPasswordFields kind={account.passwordRule} name="newPassword" label="新密码" />
        <Button type="primary" htmlType="submit" block size="large" loading={submitting}>
          确认修改
        </Button>
      </Form>
      {!forced && (
        <div style={{ marginTop: 16, textAlign: 'center' }}>
          <Link to={homePathOf(account)}>返回</Link>
        </div>
      )}
    </AuthCard>
  );
}
