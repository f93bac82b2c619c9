import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Card, Form, InputNumber, Space, Typography } from 'antd';
import type { PostingCap } from '@hirehall/shared/jobs';
import { describeError } from '../../../lib/api.ts';
import { QueryView } from '../../../components/feedback.tsx';
import { getPostingCap, setPostingCap } from '../api/admin-console.api.ts';
import { useFeedback } from '../../../app/AppFeedback.tsx';

/** The largest override the server accepts (PUT …/posting-cap). */
const MAX_CAP = 10_000;

const limitText = (cap: number | null) => (cap == null ? '不限' : `${cap} 条`);

function defaultSource(kind: 'company' | 'institution', defaultCap: number | null) {
  return kind === 'institution'
    ? `认证机构默认 ${limitText(defaultCap)}（部署配置 HIREHALL_INSTITUTION_POSTING_CAP）`
    : `用人单位默认${limitText(defaultCap)}`;
}

/**
 * 在招职位上限 (issue 3): the cap publishing checks for one employer or institution — its own
 * override, else its kind's default — with the count it applies to; the admin sets or clears
 * the override.
 */
export function PostingCapCard({
  id,
  name,
  kind,
}: {
  id: string;
  name: string;
  kind: 'company' | 'institution';
}) {
  const { message } = useFeedback();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ cap: number | null }>();
  const queryKey = ['admin', 'posting-cap', id];
  const current = useQuery({ queryKey, queryFn: () => getPostingCap(id) });
  const save = useMutation({
    mutationFn: (cap: number | null) => setPostingCap(id, cap),
    onSuccess: (next: PostingCap) => {
      queryClient.setQueryData(queryKey, next);
      form.resetFields();
      void message.success(
        next.override == null
          ? `已恢复「${name}」的默认上限：${limitText(next.defaultCap)}`
          : `已将「${name}」的在招职位上限设为 ${next.override} 条`,
      );
    },
    onError: (e) => void message.error(`上限未保存：${describeError(e)}`),
  });
  return (
    <Card title="在招职位上限" size="small">
      <QueryView query={current}>
        {(cap) => (
          <Space direction="vertical" size={12} style={{ width: '100%' }}>
            <Descriptions size="small" column={1}>
              <Descriptions.Item label="当前上限">
                <Typography.Text strong data-testid="posting-cap-effective">
                  {limitText(cap.cap)}
                </Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label="来源">
                <span data-testid="posting-cap-source">
                  {cap.override == null ? '按单位类型默认' : '单独设置（覆盖默认）'}
                </span>
              </Descriptions.Item>
              <Descriptions.Item label="单位类型默认">
                {defaultSource(kind, cap.defaultCap)}
              </Descriptions.Item>
              <Descriptions.Item label="在招职位">
                <span data-testid="posting-cap-active">{cap.activeCount}</span>
                &nbsp;条（审核中、已发布、已暂停）
              </Descriptions.Item>
            </Descriptions>
            {cap.cap != null && cap.activeCount >= cap.cap && (
              <Alert
                type="warning"
                showIcon
                title="已达到上限：该单位暂停、结束或删除职位前，不能再发布新职位"
              />
            )}
            <Form
              form={form}
              layout="inline"
              style={{ rowGap: 8 }}
              onFinish={(v) => save.mutate(v.cap ?? null)}
            >
              <Form.Item
                name="cap"
                label="单独设置上限"
                rules={[
                  { required: true, message: '请输入上限（0–10000 的整数）' },
                  {
                    type: 'integer',
                    min: 0,
                    max: MAX_CAP,
                    message: `上限须为 0–${MAX_CAP} 的整数`,
                  },
                ]}
              >
                <InputNumber placeholder="条数" style={{ width: 120 }} />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={save.isPending}>
                保存上限
              </Button>
              {cap.override != null && (
                <Button onClick={() => save.mutate(null)} loading={save.isPending}>
                  恢复默认
                </Button>
              )}
            </Form>
          </Space>
        )}
      </QueryView>
    </Card>
  );
}
