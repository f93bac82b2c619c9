import { useEffect, useRef, useState } from 'react';
import { Button, Form, Input, Modal, Typography } from 'antd';
import type { Rule } from 'antd/es/form';
import { config, type ZodType } from 'zod';
import zhCN from 'zod/v4/locales/zh-CN.js';
import { describeError } from '../lib/api.ts';
import { useFeedback } from '../app/AppFeedback.tsx';

// the shared schemas' messages in Chinese, set up with the first form that checks with them
config(zhCN());

/** An antd rule that checks a value with a shared zod schema and shows its (Chinese) message. */
export function zodRule(schema: ZodType, options: { optional?: boolean } = {}): Rule {
  return {
    validator: async (_rule, value: unknown) => {
      if (options.optional && (value === undefined || value === null || value === '')) return;
      const result = schema.safeParse(value);
      if (!result.success) throw new TypeError(result.error.issues[0]?.message ?? '填写有误');
    },
  };
}

/**
 * 获取验证码 with a countdown. `send` validates what it needs (e.g. the phone field) and
 * calls the API; it returns the cooldown in seconds, or throws to keep the button ready.
 */
export function SmsCodeButton({
  send,
  label = '获取验证码',
  disabled,
}: {
  send: () => Promise<number>;
  label?: string;
  disabled?: boolean;
}) {
  const { message } = useFeedback();
  const [remaining, setRemaining] = useState(0);
  const [sending, setSending] = useState(false);
  const timer = useRef<number | undefined>(undefined);

  useEffect(() => () => window.clearInterval(timer.current), []);

  const start = (seconds: number) => {
    setRemaining(seconds);
    window.clearInterval(timer.current);
    timer.current = window.setInterval(() => {
      setRemaining((left) => {
        if (left <= 1) window.clearInterval(timer.current);
        return Math.max(0, left - 1);
      });
    }, 1000);
  };

  const onClick = async () => {
    setSending(true);
    try {
      const cooldown = await send();
      message.success('验证码已发送，请注意查收短信');
      start(cooldown > 0 ? cooldown : 60);
    } catch (error) {
      if (error && typeof error === 'object' && 'errorFields' in error) return; // form hints shown
      message.error(describeError(error));
    } finally {
      setSending(false);
    }
  };

  return (
    <Button onClick={onClick} loading={sending} disabled={disabled || remaining > 0}>
      {remaining > 0 ? `${remaining} 秒后重新获取` : label}
    </Button>
  );
}

/** A one-time secret (initial password, generated account) with a copy button. */
export function OnceSecret({ label, value }: { label: string; value: string }) {
  return (
    <div style={{ textAlign: 'center' }}>
      <Typography.Text type="secondary">{label}</Typography.Text>
      <Typography.Paragraph
        copyable={{ text: value, tooltips: ['复制', '已复制'] }}
        style={{ fontSize: 22, fontFamily: 'monospace', margin: '4px 0 0' }}
      >
        {value}
      </Typography.Paragraph>
      <Typography.Text type="warning">只显示这一次，请立即复制并妥善转交。</Typography.Text>
    </div>
  );
}

/** A modal asking for a required reason (reject, return). */
export function ReasonModal({
  open,
  title,
  okText = '确定',
  onCancel,
  onSubmit,
}: {
  open: boolean;
  title: string;
  okText?: string;
  onCancel: () => void;
  onSubmit: (reason: string) => Promise<unknown>;
}) {
  const [form] = Form.useForm<{ reason: string }>();
  const [submitting, setSubmitting] = useState(false);
  const { message } = useFeedback();
  const submit = async () => {
    const { reason } = await form.validateFields();
    setSubmitting(true);
    try {
      await onSubmit(reason.trim());
      form.resetFields();
    } catch (error) {
      message.error(describeError(error));
    } finally {
      setSubmitting(false);
    }
  };
  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      cancelText="取消"
      okButtonProps={{ danger: true, loading: submitting }}
      onOk={() => void submit().catch(() => {})}
      onCancel={onCancel}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item
          name="reason"
          label="原因"
          rules={[
            { required: true, whitespace: true, message: '请填写原因' },
            { max: 500, message: '原因最多500字' },
          ]}
        >
          <Input.TextArea
            rows={4}
            placeholder="请填写原因，对方会看到这段说明"
            maxLength={500}
            showCount
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
