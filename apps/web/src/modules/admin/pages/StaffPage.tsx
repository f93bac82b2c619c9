import { useState } from 'react';
import { Button, Card, Empty, Form, Input, Modal, Select, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import type { Staff, StaffRole } from '@hirehall/shared/organizations';
import { useSignedInAccount } from '../../../app/session.ts';
import { QueryView } from '../../../components/feedback.tsx';
import { useFormErrors } from '../../../lib/useFormErrors.ts';
import {
  adminKeys,
  createStaff,
  fetchOrganizations,
  fetchStaff,
  type NewStaff,
} from '../api/admin.api.ts';
import { fetchSchools, organizationKeys } from '../../organizations/api/organizations.api.ts';
import { InitialPasswordModal, type CreatedAccount } from '../components/InitialPasswordModal.tsx';
import { LoginUsernameField } from '../components/LoginUsernameField.tsx';

const roleLabels: Record<StaffRole, string> = {
  admin: '平台管理员',
  school: '学校就业指导中心',
  college: '学院',
  institution: '认证机构',
};

function CreateStaffModal({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (created: CreatedAccount) => void;
}) {
  const account = useSignedInAccount();
  const isAdmin = account.role === 'admin';
  const [form] = Form.useForm<NewStaff>();
  const role = Form.useWatch('role', form);
  const organizationId = Form.useWatch('organizationId', form);
  const queryClient = useQueryClient();
  const showError = useFormErrors(form, { ACCOUNT_EXISTS: 'username', DUPLICATE: 'username' });
  const schools = useQuery({
    queryKey: adminKeys.organizations('school'),
    queryFn: () => fetchOrganizations('school'),
    enabled: open && isAdmin,
  });
  const institutions = useQuery({
    queryKey: adminKeys.organizations('institution'),
    queryFn: () => fetchOrganizations('institution'),
    enabled: open && isAdmin && role === 'institution',
  });
  const publicSchools = useQuery({
    queryKey: organizationKeys.schools,
    queryFn: fetchSchools,
    enabled: open && !isAdmin,
  });
  const collegesOf = (schoolId: string | null | undefined) =>
    (isAdmin ? schools.data : publicSchools.data)?.find((school) => school.id === schoolId)
      ?.colleges ?? [];

  const create = useMutation({
    mutationFn: (values: NewStaff) =>
      createStaff({
        role: values.role,
        organizationId: isAdmin ? (values.organizationId ?? null) : account.organization?.id,
        collegeId: values.collegeId ?? null,
        username: values.username.trim(),
        displayName: values.displayName.trim(),
      }),
    onSuccess: (result, values) => {
      void queryClient.invalidateQueries({ queryKey: adminKeys.staff });
      onClose();
      onCreated({
        title: `${roleLabels[values.role]}账号「${values.displayName.trim()}」已创建`,
        username: values.username.trim(),
        password: result.initialPassword,
      });
    },
    onError: showError,
  });

  const roleOptions = (
    isAdmin ? (['school', 'college', 'institution', 'admin'] as const) : (['college'] as const)
  ).map((value) => ({ value, label: roleLabels[value] }));

  return (
    <Modal
      open={open}
      title="创建账号"
      okText="创建"
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
        initialValues={{ role: isAdmin ? 'school' : 'college' }}
        onFinish={(v) => create.mutate(v)}
      >
        <Form.Item
          name="role"
          label="账号类型"
          rules={[{ required: true, message: '请选择账号类型' }]}
        >
          <Select
            options={roleOptions}
            onChange={() =>
              form.setFieldsValue({ organizationId: undefined, collegeId: undefined })
            }
          />
        </Form.Item>
        {isAdmin && (role === 'school' || role === 'college') && (
          <Form.Item
            name="organizationId"
            label="所属学校"
            rules={[{ required: true, message: '请选择学校' }]}
          >
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              loading={schools.isPending}
              options={(schools.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
              onChange={() => form.setFieldValue('collegeId', undefined)}
              placeholder="请选择学校"
            />
          </Form.Item>
        )}
        {isAdmin && role === 'institution' && (
          <Form.Item
            name="organizationId"
            label="所属认证机构"
            rules={[{ required: true, message: '请选择认证机构' }]}
          >
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              loading={institutions.isPending}
              options={(institutions.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
              placeholder="请选择认证机构"
            />
          </Form.Item>
        )}
        {role === 'college' && (
          <Form.Item
            name="collegeId"
            label="所属学院"
            rules={[{ required: true, message: '请选择学院' }]}
          >
            <Select
              placeholder={isAdmin && !organizationId ? '请先选择学校' : '请选择学院'}
              options={collegesOf(isAdmin ? organizationId : account.organization?.id).map((c) => ({
                value: c.id,
                label: c.name,
              }))}
              notFoundContent="该学校暂无学院，请先在学校管理中添加"
            />
          </Form.Item>
        )}
        <LoginUsernameField />
        <Form.Item
          name="displayName"
          label="姓名"
          rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}
        >
          <Input maxLength={50} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function StaffPage() {
  const account = useSignedInAccount();
  const title = account.role === 'admin' ? '账号管理' : '设置 · 学院账号';
  const query = useQuery({ queryKey: adminKeys.staff, queryFn: fetchStaff });
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedAccount | null>(null);
  return (
    <Card
      title={title}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          创建账号
        </Button>
      }
    >
      <QueryView
        query={query}
        isEmpty={(rows) => rows.length === 0}
        empty={<Empty description="暂无账号" />}
      >
        {(rows) => (
          <Table<Staff>
            rowKey="accountId"
            dataSource={rows}
            scroll={{ x: 'max-content' }}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            columns={[
              { title: '姓名', dataIndex: 'displayName' },
              { title: '用户名', dataIndex: 'username', render: (v: string | null) => v ?? '—' },
              { title: '类型', dataIndex: 'role', render: (r: StaffRole) => roleLabels[r] },
              {
                title: '所属',
                render: (_, s) =>
                  [s.organizationName, s.collegeName].filter(Boolean).join(' / ') || '—',
              },
              {
                title: '状态',
                render: (_, s) =>
                  s.status === 'disabled' ? (
                    <Tag>已停用</Tag>
                  ) : s.mustChangePassword ? (
                    <Tag color="warning">待修改初始密码</Tag>
                  ) : (
                    <Tag color="success">正常</Tag>
                  ),
              },
              {
                title: '创建时间',
                dataIndex: 'createdAt',
                render: (t: string) => dayjs(t).format('YYYY-MM-DD'),
              },
            ]}
          />
        )}
      </QueryView>
      <CreateStaffModal open={creating} onClose={() => setCreating(false)} onCreated={setCreated} />
      <InitialPasswordModal created={created} onClose={() => setCreated(null)} />
    </Card>
  );
}
