import { useState } from 'react';
import {
  Button,
  DatePicker,
  Drawer,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { Dayjs } from 'dayjs';
import {
  formatChinaTime,
  fromPickerValue,
  toPickerValue,
} from '../../jobs/components/chinaTime.ts';
import { fairTypeLabels, signupStatusLabels } from '@hirehall/shared/jobfair-options';
import type { Fair, FairInput } from '@hirehall/shared/jobfairs';
import { QueryView } from '../../../components/feedback.tsx';
import { RichTextEditor } from '../components/RichTextEditor.tsx';
import { ReasonModal } from '../../../components/form-helpers.tsx';
import { describeError } from '../../../lib/api.ts';
import {
  approveSignup,
  createFair,
  fairAction,
  fairKeys,
  fetchSchoolFairs,
  fetchSignups,
  rejectSignup,
  updateFair,
} from '../api/jobfairs.api.ts';
import { useFeedback } from '../../../app/AppFeedback.tsx';

type FormValues = Omit<FairInput, 'startsAt' | 'endsAt'> & { range: [Dayjs, Dayjs] };
const statusLabels = { draft: '草稿', published: '已发布', closed: '已结束' } as const;

function FairForm({ fair, onDone }: { fair: Fair | null; onDone: () => void }) {
  const [form] = Form.useForm<FormValues>();
  const { message } = useFeedback();
  const save = useMutation({
    mutationFn: (v: FormValues) => {
      const { range, ...rest } = v;
      const body: FairInput = {
        ...rest,
        startsAt: fromPickerValue(range[0]),
        endsAt: fromPickerValue(range[1]),
      };
      return fair ? updateFair(fair.id, body) : createFair(body);
    },
    onSuccess: () => {
      message.success('已保存');
      onDone();
    },
    onError: (e) => message.error(describeError(e)),
  });
  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={(v) => save.mutate(v)}
      initialValues={
        fair
          ? { ...fair, range: [toPickerValue(fair.startsAt), toPickerValue(fair.endsAt)] }
          : { type: 'online', city: '上海市', introduction: '', invitation: '' }
      }
    >
      <Form.Item name="title" label="招聘会名称" rules={[{ required: true }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="type" label="类型" rules={[{ required: true }]}>
        <Select
          options={Object.entries(fairTypeLabels).map(([value, label]) => ({ value, label }))}
        />
      </Form.Item>
      <Form.Item
        name="range"
        label="举办时间（北京时间）"
        rules={[{ required: true, message: '请选择时间' }]}
      >
        <DatePicker.RangePicker showTime style={{ width: '100%' }} />
      </Form.Item>
      <Space wrap>
        <Form.Item name="city" label="举办城市" rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="district" label="区">
          <Input />
        </Form.Item>
      </Space>
      <Form.Item name="address" label="举办地址" rules={[{ required: true }]}>
        <Input />
      </Form.Item>
      <Form.Item name="invitation" label="邀请函（纯文本）">
        <Input.TextArea rows={2} />
      </Form.Item>
      <Form.Item
        name="introduction"
        label="招聘会简介"
        extra="可加粗、分段、列表和插入链接；粘贴的内容按纯文本插入"
      >
        <RichTextEditor aria-label="招聘会简介" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={save.isPending}>
        保存
      </Button>
    </Form>
  );
}

function Signups({ fair }: { fair: Fair }) {
  const { message } = useFeedback();
  const client = useQueryClient();
  const [rejecting, setRejecting] = useState<string | null>(null);
  const signups = useQuery({
    queryKey: fairKeys.signups(fair.id),
    queryFn: () => fetchSignups(fair.id),
  });
  const refresh = () => client.invalidateQueries({ queryKey: ['fairs'] });
  const approve = useMutation({
    mutationFn: approveSignup,
    onSuccess: () => void refresh(),
    onError: (e) => message.error(describeError(e)),
  });
  return (
    <>
      <QueryView query={signups}>
        {(list) => (
          <Table
            rowKey="id"
            dataSource={list}
            pagination={false}
            columns={[
              { title: '单位', dataIndex: 'employerName' },
              { title: '报名时间', render: (_, s) => formatChinaTime(s.createdAt, 'MM-DD HH:mm') },
              {
                title: '状态',
                render: (_, s) => (
                  <span>
                    <Tag>{signupStatusLabels[s.status]}</Tag>
                    {s.reason}
                  </span>
                ),
              },
              { title: '参会职位', render: (_, s) => s.jobIds.length },
              {
                title: '操作',
                render: (_, s) =>
                  s.status === 'pending' ? (
                    <Space>
                      <Button size="small" type="primary" onClick={() => approve.mutate(s.id)}>
                        通过
                      </Button>
                      <Button size="small" danger onClick={() => setRejecting(s.id)}>
                        驳回
                      </Button>
                    </Space>
                  ) : null,
              },
            ]}
          />
        )}
      </QueryView>
      <ReasonModal
        open={rejecting !== null}
        title="驳回原因"
        onCancel={() => setRejecting(null)}
        onSubmit={async (reason) => {
          await rejectSignup(rejecting!, reason);
          setRejecting(null);
          void refresh();
        }}
      />
    </>
  );
}

/** 招聘会管理 for school staff: create/edit/publish/close, review sign-ups. */
export default function SchoolFairsPage() {
  const { message } = useFeedback();
  const client = useQueryClient();
  const [editing, setEditing] = useState<Fair | null | 'new'>(null);
  const [reviewing, setReviewing] = useState<Fair | null>(null);
  const fairs = useQuery({ queryKey: fairKeys.school, queryFn: fetchSchoolFairs });
  const refresh = () => client.invalidateQueries({ queryKey: ['fairs'] });
  const act = useMutation({
    mutationFn: ({ id, action }: { id: string; action: 'publish' | 'close' }) =>
      fairAction(id, action),
    onSuccess: () => void refresh(),
    onError: (e) => message.error(describeError(e)),
  });
  return (
    <div>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          招聘会管理
        </Typography.Title>
        <Space>
          <Link to="/school/job-reviews">职位审核</Link>
          <Button type="primary" onClick={() => setEditing('new')}>
            新建招聘会
          </Button>
        </Space>
      </Space>
      <QueryView query={fairs}>
        {(list) => (
          <Table
            rowKey="id"
            dataSource={list}
            scroll={{ x: 800 }}
            columns={[
              { title: '名称', render: (_, f) => <Link to={`/jobfairs/${f.id}`}>{f.title}</Link> },
              {
                title: '时间',
                render: (_, f) =>
                  `${formatChinaTime(f.startsAt, 'YYYY-MM-DD')} — ${formatChinaTime(f.endsAt, 'MM-DD')}`,
              },
              { title: '状态', render: (_, f) => <Tag>{statusLabels[f.status]}</Tag> },
              {
                title: '企业/职位/浏览',
                render: (_, f) => `${f.employerCount} / ${f.jobCount} / ${f.views}`,
              },
              {
                title: '操作',
                render: (_, f) => (
                  <Space wrap size={4}>
                    {f.status !== 'closed' && (
                      <Button size="small" onClick={() => setEditing(f)}>
                        编辑
                      </Button>
                    )}
                    {f.status === 'draft' && (
                      <Button
                        size="small"
                        type="primary"
                        onClick={() => act.mutate({ id: f.id, action: 'publish' })}
                      >
                        发布
                      </Button>
                    )}
                    {f.status === 'published' && (
                      <Button
                        size="small"
                        onClick={() => act.mutate({ id: f.id, action: 'close' })}
                      >
                        结束
                      </Button>
                    )}
                    <Button size="small" onClick={() => setReviewing(f)}>
                      报名审核
                    </Button>
                  </Space>
                ),
              },
            ]}
          />
        )}
      </QueryView>
      <Modal
        open={editing !== null}
        title={editing === 'new' ? '新建招聘会' : '编辑招聘会'}
        footer={null}
        onCancel={() => setEditing(null)}
        destroyOnHidden
        width={720}
      >
        {editing !== null && (
          <FairForm
            fair={editing === 'new' ? null : editing}
            onDone={() => {
              setEditing(null);
              void refresh();
            }}
          />
        )}
      </Modal>
      <Drawer
        open={reviewing !== null}
        onClose={() => setReviewing(null)}
        title={`报名审核：${reviewing?.title ?? ''}`}
        size="large"
      >
        {reviewing && <Signups fair={reviewing} />}
      </Drawer>
    </div>
  );
}
