import { useState } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Button, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import type { AccountLookup } from '@hirehall/shared/admin';
import { describeError } from '../../../lib/api.ts';
import { findAccounts, reinstateAccount, suspendAccount } from '../api/admin-console.api.ts';
import { useFeedback } from '../../../app/AppFeedback.tsx';

const roleLabels: Record<string, string> = {
  seeker: '求职者',
  employer: '用人单位',
  institution: '认证机构',
  school: '学校',
  college: '学院',
  admin: '平台管理员',
};

/** 账号管理: find an account and suspend it (it can no longer sign in) or reinstate it. */
export default function AccountsAdminPage() {
  const { message, modal } = useFeedback();
  const [q, setQ] = useState('');
  const [target, setTarget] = useState<AccountLookup | null>(null);
  const [reason, setReason] = useState('');
  const found = useQuery({
    queryKey: ['admin', 'accounts', q],
    queryFn: () => findAccounts(q),
    enabled: !!q,
  });
  const onError = (e: unknown) => void message.error(describeError(e));
  const suspend = useMutation({
    mutationFn: () => suspendAccount(target!.id, reason),
    onSuccess: () => {
      setTarget(null);
      setReason('');
      void found.refetch();
    },
    onError,
  });
  const reinstate = useMutation({
    mutationFn: reinstateAccount,
    onSuccess: () => void found.refetch(),
    onError,
  });
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        账号管理
      </Typography.Title>
      <Input.Search
        placeholder="账号名、姓名或单位名称"
        enterButton="查找"
        style={{ maxWidth: 480 }}
        onSearch={(v) => setQ(v.trim())}
      />
      <Table<AccountLookup>
        rowKey="id"
        size="small"
        loading={found.isFetching}
        dataSource={found.data ?? []}
        scroll={{ x: 640 }}
        columns={[
          { title: '名称', dataIndex: 'displayName' },
          { title: '角色', dataIndex: 'role', render: (r: string) => roleLabels[r] ?? r },
          { title: '单位', dataIndex: 'organizationName' },
          { title: '手机', dataIndex: 'phoneMasked' },
          {
            title: '状态',
            render: (_, a) =>
              a.status === 'active' ? (
                <Tag color="green">正常</Tag>
              ) : (
                <Tag color="red">已停用：{a.suspension?.reason}</Tag>
              ),
          },
          {
            title: '操作',
            render: (_, a) =>
              a.status === 'active' ? (
                <Button danger size="small" onClick={() => setTarget(a)}>
                  停用
                </Button>
              ) : (
                <Button
                  size="small"
                  onClick={() =>
                    modal.confirm({
                      title: `恢复 ${a.displayName} 的账号？`,
                      onOk: () => reinstate.mutateAsync(a.id),
                    })
                  }
                >
                  恢复
                </Button>
              ),
          },
        ]}
      />
      <Modal
        open={!!target}
        title={`停用账号：${target?.displayName ?? ''}`}
        okText="停用"
        okButtonProps={{
          danger: true,
          disabled: reason.trim().length < 2,
          loading: suspend.isPending,
        }}
        onOk={() => suspend.mutate()}
        onCancel={() => setTarget(null)}
      >
        <Typography.Paragraph type="secondary">
          停用后该账号立即退出登录，且不能再登录。
        </Typography.Paragraph>
        <Input.TextArea
          rows={3}
          placeholder="停用原因"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </Modal>
    </Space>
  );
}
