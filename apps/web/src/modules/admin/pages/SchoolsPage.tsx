import { useState } from 'react';
import { Button, Card, Empty, Form, Input, List, Modal, Space, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { OrganizationSummary } from '@hirehall/shared/organizations';
import { QueryView } from '../../../components/feedback.tsx';
import { useFormErrors } from '../../../lib/useFormErrors.ts';
import { addCollege, adminKeys, createSchool, fetchOrganizations } from '../api/admin.api.ts';
import { useFeedback } from '../../../app/AppFeedback.tsx';

interface SchoolValues {
  name: string;
  colleges?: string;
}

function CreateSchoolModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<SchoolValues>();
  const queryClient = useQueryClient();
  const { message } = useFeedback();
  const showError = useFormErrors(form, { DUPLICATE: 'name' });
  const create = useMutation({
    mutationFn: (values: SchoolValues) =>
      createSchool({
        name: values.name.trim(),
        colleges: (values.colleges ?? '')
          .split(/[\n,，、]/)
          .map((name) => name.trim())
          .filter(Boolean),
      }),
    onSuccess: () => {
      message.success('学校已创建');
      void queryClient.invalidateQueries({ queryKey: adminKeys.organizations('school') });
      onClose();
    },
    onError: showError,
  });
  return (
    <Modal
      open={open}
      title="创建学校"
      okText="创建"
      cancelText="取消"
      confirmLoading={create.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false} onFinish={(v) => create.mutate(v)}>
        <Form.Item
          name="name"
          label="学校名称"
          rules={[
            { required: true, whitespace: true, message: '请填写学校名称' },
            { min: 2, max: 100, message: '学校名称为2至100个字' },
          ]}
        >
          <Input maxLength={100} placeholder="如 华东理工大学" />
        </Form.Item>
        <Form.Item name="colleges" label="学院（选填）" extra="每行一个学院，也可用逗号分隔">
          <Input.TextArea rows={5} placeholder={'计算机学院\n经济管理学院'} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function AddCollegeModal({
  school,
  onClose,
}: {
  school: OrganizationSummary | null;
  onClose: () => void;
}) {
  const [form] = Form.useForm<{ name: string }>();
  const queryClient = useQueryClient();
  const { message } = useFeedback();
  const showError = useFormErrors(form, { DUPLICATE: 'name' });
  const add = useMutation({
    mutationFn: (name: string) => addCollege(school!.id, name.trim()),
    onSuccess: () => {
      message.success('学院已添加');
      void queryClient.invalidateQueries({ queryKey: adminKeys.organizations('school') });
      onClose();
    },
    onError: showError,
  });
  return (
    <Modal
      open={!!school}
      title={school ? `为「${school.name}」添加学院` : '添加学院'}
      okText="添加"
      cancelText="取消"
      confirmLoading={add.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false} onFinish={(v) => add.mutate(v.name)}>
        <Form.Item
          name="name"
          label="学院名称"
          rules={[{ required: true, whitespace: true, message: '请填写学院名称' }]}
        >
          <Input maxLength={100} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function SchoolsPage() {
  const query = useQuery({
    queryKey: adminKeys.organizations('school'),
    queryFn: () => fetchOrganizations('school'),
  });
  const [creating, setCreating] = useState(false);
  const [addingTo, setAddingTo] = useState<OrganizationSummary | null>(null);
  return (
    <Card
      title="学校管理"
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          创建学校
        </Button>
      }
    >
      <QueryView
        query={query}
        isEmpty={(rows) => rows.length === 0}
        empty={<Empty description="还没有学校，点击右上角「创建学校」" />}
      >
        {(rows) => (
          <List
            dataSource={rows}
            renderItem={(school) => (
              <List.Item
                actions={[
                  <Button key="add" size="small" onClick={() => setAddingTo(school)}>
                    添加学院
                  </Button>,
                ]}
              >
                <List.Item.Meta
                  title={
                    <Space>
                      {school.name}
                      {school.status === 'suspended' && <Tag color="warning">已停用</Tag>}
                    </Space>
                  }
                  description={
                    school.colleges.length > 0 ? (
                      <Space size={[4, 4]} wrap>
                        {school.colleges.map((college) => (
                          <Tag key={college.id}>{college.name}</Tag>
                        ))}
                      </Space>
                    ) : (
                      <Typography.Text type="secondary">暂无学院</Typography.Text>
                    )
                  }
                />
              </List.Item>
            )}
          />
        )}
      </QueryView>
      <CreateSchoolModal open={creating} onClose={() => setCreating(false)} />
      <AddCollegeModal school={addingTo} onClose={() => setAddingTo(null)} />
    </Card>
  );
}
