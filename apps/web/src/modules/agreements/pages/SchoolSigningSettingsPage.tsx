import { App, Button, Card, Form, Input, InputNumber, Switch } from 'antd';
import { useMutation, useQuery } from '@tanstack/react-query';
import type { SigningSettings } from '@hirehall/shared/agreements';
import { QueryView } from '../../../components/feedback.tsx';
import { describeError } from '../../../lib/api.ts';
import { fetchSettings, saveSettings } from '../api/agreements.api.ts';

/** 签约设置: response window, employer-initiated termination, provincial endpoint. */
export default function SchoolSigningSettingsPage() {
  const { message } = App.useApp();
  const query = useQuery({ queryKey: ['agreements', 'settings'], queryFn: fetchSettings });
  const save = useMutation({
    mutationFn: (v: SigningSettings) =>
      saveSettings({ ...v, provincialEndpoint: v.provincialEndpoint || null }),
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
            onFinish={(v: SigningSettings) => save.mutate(v)}
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
            <Button type="primary" htmlType="submit" loading={save.isPending}>
              保存
            </Button>
          </Form>
        </Card>
      )}
    </QueryView>
  );
}
