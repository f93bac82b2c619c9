import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Space, Typography } from 'antd';
import { REVERIFY_GRACE_DAYS, REVERIFY_MONTHS } from '@hirehall/shared/admin';
import { describeError } from '../../../lib/api.ts';
import { QueryView } from '../../../components/feedback.tsx';
import { confirmVerification, getVerification } from '../api/admin-console.api.ts';
import { useFeedback } from '../../../app/AppFeedback.tsx';

/** 单位信息确认: every 6 months an employer confirms its details are still true. */
export default function VerificationPage() {
  const { message } = useFeedback();
  const queryClient = useQueryClient();
  const status = useQuery({ queryKey: ['org', 'verification'], queryFn: getVerification });
  const confirm = useMutation({
    mutationFn: confirmVerification,
    onSuccess: (next) => {
      queryClient.setQueryData(['org', 'verification'], next);
      void message.success('已确认，感谢配合');
    },
    onError: (e) => void message.error(describeError(e)),
  });
  return (
    <Card title="单位信息确认" style={{ maxWidth: 640 }}>
      <QueryView query={status}>
        {(s) => (
          <Space direction="vertical" size={16} style={{ width: '100%' }}>
            <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
              按照网络招聘服务管理规定，用人单位每{REVERIFY_MONTHS}
              个月需确认一次单位信息（名称、信用代码、联系人、地址等）真实有效。到期后
              {REVERIFY_GRACE_DAYS}天内未确认的，将暂停发布职位，确认后自动恢复。
            </Typography.Paragraph>
            {s.state === 'suspended' && (
              <Alert
                type="error"
                showIcon
                title="已逾期，贵单位已被暂停发布职位。请核对信息后确认。"
              />
            )}
            {s.state === 'due' && (
              <Alert type="warning" showIcon title="单位信息确认已到期，请尽快确认。" />
            )}
            <Descriptions column={1} size="small" bordered>
              <Descriptions.Item label="上次确认">
                {s.verifiedAt ? new Date(s.verifiedAt).toLocaleDateString('zh-CN') : '尚未确认'}
              </Descriptions.Item>
              <Descriptions.Item label="下次确认截止">
                {new Date(s.dueAt).toLocaleDateString('zh-CN')}
              </Descriptions.Item>
            </Descriptions>
            <Button type="primary" loading={confirm.isPending} onClick={() => confirm.mutate()}>
              我已核对，单位信息真实有效
            </Button>
          </Space>
        )}
      </QueryView>
    </Card>
  );
}
