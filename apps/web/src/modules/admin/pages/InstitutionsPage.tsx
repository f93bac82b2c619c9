import { useState } from 'react';
import { Button, Card, Empty, Form, Input, InputNumber, Modal, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import type { OrganizationSummary } from '@hirehall/shared/organizations';
import { QueryView } from '../../../components/feedback.tsx';
import { useFormErrors } from '../../../lib/useFormErrors.ts';
import {
  adminKeys,
  createInstitution,
  fetchOrganizations,
  type NewInstitution,
} from '../api/admin.api.ts';
import { CreditCodeField } from '../../organizations/components/CreditCodeField.tsx';
import { InitialPasswordModal, type CreatedAccount } from '../components/InitialPasswordModal.tsx';
import { LoginUsernameField } from '../components/LoginUsernameField.tsx';

function CreateInstitutionModal({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (created: CreatedAccount) => void;
}) {
  const [form] = Form.useForm<NewInstitution>();
  const queryClient = useQueryClient();
  const showError = useFormErrors(form, { DUPLICATE: 'name', ACCOUNT_EXISTS: 'username' });
  const create = useMutation({
    mutationFn: (values: NewInstitution) =>
      createInstitution({
        name: values.name.trim(),
        creditCode: values.creditCode?.trim() ? values.creditCode.trim().toUpperCase() : null,
        openingPoints: values.openingPoints,
        username: values.username.trim(),
        displayName: values.displayName.trim(),
      }),
    onSuccess: (result, values) => {
      void queryClient.invalidateQueries({ queryKey: adminKeys.organizations('institution') });
      onClose();
      onCreated({
        title: `认证机构「${result.organization.name}」已开通`,
        username: values.username.trim(),
        password: result.initialPassword,
      });
    },
    onError: showError,
  });
  return (
    <Modal
      open={open}
      title="开通认证机构"
      okText="开通"
      cancelText="取消"
      confirmLoading={create.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ openingPoints: 0 }}
        onFinish={(v) => create.mutate(v)}
      >
        <Form.Item
          name="name"
          label="机构名称"
          rules={[{ required: true, whitespace: true, message: '请填写机构名称' }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <CreditCodeField required={false} label="统一社会信用代码（选填）" />
        <Form.Item
          name="openingPoints"
          label="开通点数"
          extra="用于查看人才联系方式"
          rules={[{ required: true, message: '请填写开通点数' }]}
        >
          <InputNumber min={0} max={10_000_000} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <LoginUsernameField />
        <Form.Item
          name="displayName"
          label="联系人姓名"
          rules={[{ required: true, whitespace: true, message: '请填写联系人姓名' }]}
        >
          <Input maxLength={50} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function InstitutionsPage() {
  const query = useQuery({
    queryKey: adminKeys.organizations('institution'),
    queryFn: () => fetchOrganizations('institution'),
  });
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedAccount | null>(null);
  return (
    <Card
      title="认证机构"
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          开通认证机构
        </Button>
      }
    >
      <QueryView
        query={query}
        isEmpty={(rows) => rows.length === 0}
        empty={<Empty description="还没有认证机构，点击右上角「开通认证机构」" />}
      >
        {(rows) => (
          <Table<OrganizationSummary>
            rowKey="id"
            dataSource={rows}
            scroll={{ x: 'max-content' }}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            columns={[
              { title: '机构名称', dataIndex: 'name' },
              {
                title: '统一社会信用代码',
                dataIndex: 'creditCode',
                render: (v: string | null) => v ?? '—',
              },
              {
                title: '会员点数',
                dataIndex: 'pointsBalance',
                render: (v: number | null) => v ?? 0,
              },
              {
                title: '状态',
                dataIndex: 'status',
                render: (s: string) =>
                  s === 'active' ? <Tag color="success">正常</Tag> : <Tag>已停用</Tag>,
              },
              {
                title: '开通时间',
                dataIndex: 'createdAt',
                render: (t: string) => dayjs(t).format('YYYY-MM-DD'),
              },
            ]}
          />
        )}
      </QueryView>
      <CreateInstitutionModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={setCreated}
      />
      <InitialPasswordModal created={created} onClose={() => setCreated(null)} />
    </Card>
  );
}
