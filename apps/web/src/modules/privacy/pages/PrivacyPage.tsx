import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Input, List, Modal, Space, Tag, Typography } from 'antd';
import {
  consentLabels,
  consentPurposes,
  consentStatements,
  RETENTION_YEARS,
} from '@hirehall/shared/privacy';
import { describeError } from '../../../lib/api.ts';
import { useAuth } from '../../../app/session.ts';
import {
  EXPORT_URL,
  grantConsent,
  listConsents,
  requestDeletion,
  withdrawConsent,
} from '../api/privacy.api.ts';
import { useFeedback } from '../../../app/AppFeedback.tsx';

/** 个人信息与隐私: consents, download my data, delete my account. Light, phone-first. */
export default function PrivacyPage() {
  const { message } = useFeedback();
  const queryClient = useQueryClient();
  const { signOut } = useAuth();
  const consents = useQuery({ queryKey: ['privacy', 'consents'], queryFn: listConsents });
  const update = (next: unknown) => queryClient.setQueryData(['privacy', 'consents'], next);
  const onError = (e: unknown) => void message.error(describeError(e));
  const grant = useMutation({ mutationFn: grantConsent, onSuccess: update, onError });
  const withdraw = useMutation({ mutationFn: withdrawConsent, onSuccess: update, onError });
  const [deleting, setDeleting] = useState(false);
  const [password, setPassword] = useState('');
  const [phrase, setPhrase] = useState('');
  const remove = useMutation({
    mutationFn: () => requestDeletion(password),
    onSuccess: () => {
      setDeleting(false);
      void message.success('账号已注销，个人信息已删除');
      void signOut();
    },
    onError,
  });
  const standing = (purpose: string) =>
    consents.data?.find(
      (c) => c.purpose === purpose && !c.organizationId && !c.reference && !c.withdrawnAt,
    );

  return (
    <Space direction="vertical" size={12} style={{ width: '100%', maxWidth: 640 }}>
      <Card size="small" title="单独同意">
        <List
          loading={consents.isPending}
          dataSource={[...consentPurposes]}
          renderItem={(purpose) => {
            const c = standing(purpose);
            return (
              <List.Item
                actions={[
                  c ? (
                    <Button key="w" size="small" onClick={() => withdraw.mutate(c.id)}>
                      撤回
                    </Button>
                  ) : (
                    <Button
                      key="g"
                      size="small"
                      type="primary"
                      onClick={() => grant.mutate(purpose)}
                    >
                      同意
                    </Button>
                  ),
                ]}
              >
                <List.Item.Meta
                  title={
                    <Space>
                      {consentLabels[purpose]}
                      {c ? <Tag color="green">已同意</Tag> : <Tag>未同意</Tag>}
                    </Space>
                  }
                  description={consentStatements[purpose]}
                />
              </List.Item>
            );
          }}
        />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          投递简历时会针对该单位单独记录同意；撤回后不影响撤回前已进行的处理。
        </Typography.Text>
      </Card>
      <Card size="small" title="下载我的数据">
        <Typography.Paragraph type="secondary">
          导出平台保存的您的全部个人信息（JSON 格式，打包为
          ZIP），包括简历、附件、应聘与面试记录、签约（三方协议）、名片及其查看记录、消息等。
        </Typography.Paragraph>
        <Button href={EXPORT_URL} download block>
          下载个人数据
        </Button>
      </Card>
      <Card size="small" title="注销账号">
        <Typography.Paragraph type="secondary">
          注销后立即删除您的实名信息、简历、附件、名片、收藏和消息，尚未进行的面试将被取消。按照法律规定，应聘和面试记录将以去标识化形式保留
          {RETENTION_YEARS}年后自动删除。注销不可恢复。
        </Typography.Paragraph>
        <Button danger block onClick={() => setDeleting(true)}>
          注销账号
        </Button>
      </Card>
      <Modal
        open={deleting}
        title="确认注销账号"
        okText="注销"
        okButtonProps={{
          danger: true,
          disabled: !password || phrase !== '确认注销',
          loading: remove.isPending,
        }}
        onOk={() => remove.mutate()}
        onCancel={() => setDeleting(false)}
      >
        <Space direction="vertical" style={{ width: '100%' }}>
          <Alert type="warning" showIcon title="注销后账号和个人信息无法恢复" />
          <Input.Password
            placeholder="请输入登录密码"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
          <Input
            placeholder="请输入“确认注销”"
            value={phrase}
            onChange={(e) => setPhrase(e.target.value)}
          />
        </Space>
      </Modal>
    </Space>
  );
}
