import { Form, Input, Space } from 'antd';
import type { FormInstance } from 'antd';
import { SmsCodeButton } from '../../../components/form-helpers.tsx';
import { sendSmsCode, type SmsPurpose } from '../api/accounts.api.ts';

/** 短信验证码 input with 获取验证码 (validates the phone field first, then 60 s countdown). */
export function SmsCodeField({
  form,
  purpose,
  phoneField = 'phone',
  name = 'smsCode',
  send,
}: {
  form: FormInstance;
  purpose?: SmsPurpose;
  phoneField?: string;
  name?: string;
  /** custom sender (e.g. graduate activation); defaults to POST /api/auth/sms-codes */
  send?: () => Promise<number>;
}) {
  const defaultSend = async () => {
    const values = (await form.validateFields([phoneField])) as Record<string, string>;
    const result = await sendSmsCode({
      phone: (values[phoneField] ?? '').trim(),
      purpose: purpose ?? 'register',
    });
    return result.cooldownSeconds;
  };
  return (
    <Form.Item label="短信验证码" required>
      <Space.Compact style={{ width: '100%' }}>
        <Form.Item
          name={name}
          noStyle
          rules={[
            { required: true, message: '请输入短信验证码' },
            { pattern: /^\d{6}$/, message: '短信验证码为6位数字' },
          ]}
        >
          <Input
            placeholder="6位数字验证码"
            inputMode="numeric"
            maxLength={6}
            autoComplete="one-time-code"
            aria-label="短信验证码"
          />
        </Form.Item>
        <SmsCodeButton send={send ?? defaultSend} />
      </Space.Compact>
    </Form.Item>
  );
}
