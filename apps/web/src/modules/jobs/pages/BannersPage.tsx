import {
  Button,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Space,
  Switch,
  Table,
  Typography,
} from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { QueryView } from '../../../components/feedback.tsx';
import { describeError } from '../../../lib/api.ts';
import {
  createBanner,
  deleteBanner,
  fetchAdminBanners,
  jobKeys,
  updateBanner,
  type BannerInput,
} from '../api/jobs.api.ts';
import { useFeedback } from '../../../app/AppFeedback.tsx';

/** 轮播图管理: banners above the job list. */
export default function BannersPage() {
  const { message } = useFeedback();
  const client = useQueryClient();
  const [form] = Form.useForm<BannerInput>();
  const banners = useQuery({ queryKey: jobKeys.adminBanners, queryFn: fetchAdminBanners });
  const refresh = () => client.invalidateQueries({ queryKey: ['jobs'] });
  const onError = (e: unknown) => message.error(describeError(e));
  const add = useMutation({
    mutationFn: (b: BannerInput) =>
      createBanner({ ...b, imageUrl: b.imageUrl || null, linkUrl: b.linkUrl || null }),
    onSuccess: () => {
      form.resetFields();
      void refresh();
    },
    onError,
  });
  const toggle = useMutation({
    mutationFn: (b: BannerInput & { id: string }) =>
      updateBanner(b.id, { ...b, isActive: !b.isActive }),
    onSuccess: () => void refresh(),
    onError,
  });
  const remove = useMutation({
    mutationFn: deleteBanner,
    onSuccess: () => void refresh(),
    onError,
  });
  return (
    <div>
      <Typography.Title level={4}>轮播图管理</Typography.Title>
      <Form
        form={form}
        layout="inline"
        onFinish={(v) => add.mutate(v)}
        initialValues={{ sortOrder: 0, isActive: true }}
        style={{ marginBottom: 16, rowGap: 8 }}
      >
        <Form.Item name="title" rules={[{ required: true, message: '请输入标题' }]}>
          <Input placeholder="标题" />
        </Form.Item>
        <Form.Item name="imageUrl">
          <Input placeholder="图片地址（可选）" />
        </Form.Item>
        <Form.Item name="linkUrl">
          <Input placeholder="链接（可选）" />
        </Form.Item>
        <Form.Item name="sortOrder">
          <InputNumber min={0} placeholder="排序" />
        </Form.Item>
        <Form.Item name="isActive" valuePropName="checked">
          <Switch checkedChildren="启用" unCheckedChildren="停用" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={add.isPending}>
          添加
        </Button>
      </Form>
      <QueryView query={banners}>
        {(list) => (
          <Table
            rowKey="id"
            dataSource={list}
            pagination={false}
            columns={[
              { title: '标题', dataIndex: 'title' },
              { title: '链接', dataIndex: 'linkUrl' },
              { title: '排序', dataIndex: 'sortOrder' },
              {
                title: '状态',
                render: (_, b) => <Switch checked={b.isActive} onChange={() => toggle.mutate(b)} />,
              },
              {
                title: '操作',
                render: (_, b) => (
                  <Space>
                    <Popconfirm title="确定删除？" onConfirm={() => remove.mutate(b.id)}>
                      <Button danger size="small">
                        删除
                      </Button>
                    </Popconfirm>
                  </Space>
                ),
              },
            ]}
          />
        )}
      </QueryView>
    </div>
  );
}
