import { Button, Card, Form, Input, InputNumber, Switch } from 'antd';
import { useMutation, useQuery } from '@tanstack/react-query';
import type { SigningSettingsBody } from '@hirehall/shared/agreements';
import { QueryView } from '../../../components/feedback.tsx';
import { describeError } from '../../../lib/api.ts';
import { fetchSettings, saveSettings } from '../api/agreements.api.ts';
import { useFeedback } from '../../../app/AppFeedback.tsx';

/** 签约设置: response window, employer-initiated termination, provincial endpoint. */
export default function SchoolSigningSettingsPage() {
  const { message } = useFeedback();
  const query = useQuery({ queryKey: ['agreements', 'settings'], queryFn: fetchSettings });
  const save = useMutation({
    mutationFn: ({ provincialToken, ...v }: SigningSettingsBody) =>
      saveSettings({
        ...v,
        provincialEndpoint: v.provincialEndpoint || null,
        // empty: keep the token on file
        ...(provincialToken ? { provincialToken } : {}),
      }),
    onSuccess: () => message.success('已保存'),
    onError: (e) => message.error(describeError(e)),
  });
  return (
    <QueryView query={query}>
      {(s) => (
        <Card title="签约设置" style={{ maxWidth: 640 }}>
          <Form
            layout="vertical"
            initialValues={s}
            onFinish={(v: SigningSettingsBody) => save.mutate(v)}
          >
            <Form.Item
              name="offerResponseDays"
              label="学生应约期限（天）"
              rules={[{ required: true }]}
            >
              <InputNumber min={1} max={30} />
            </Form.Item>
            <Form.Item
              name="employerTermination"
              label="允许用人单位发起解约申请"
              valuePropName="checked"
            >
              <Switch />
            </Form.Item>
            <Form.Item name="provincialEndpoint" label="省级平台上报地址（HTTP JSON）">
              <Input placeholder="https://…" />
            </Form.Item>
            <Form.Item
              name="provincialToken"
              label="上报令牌（Bearer）"
              extra={s.provincialTokenSet ? '已设置；留空则保持不变' : '省级平台发给本校的令牌'}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={save.isPending}>
              保存
            </Button>
          </Form>
        </Card>
      )}
    </QueryView>
  );
}
