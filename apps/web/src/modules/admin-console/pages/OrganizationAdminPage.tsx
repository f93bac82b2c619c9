import { useState } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Col,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import {
  adminPointsPageSize,
  suspensionCauseLabels,
  type OrganizationInfo,
  type OrganizationInfoBody,
} from '@hirehall/shared/admin';
import { describeError } from '../../../lib/api.ts';
import { QueryView } from '../../../components/feedback.tsx';
import {
  adjustPoints,
  getOrganizationInfo,
  getPoints,
  listOrganizations,
  reinstateOrganization,
  saveOrganizationInfo,
  suspendOrganization,
} from '../api/admin-console.api.ts';
import { PostingCapCard } from '../components/PostingCapCard.tsx';
import { useFeedback } from '../../../app/AppFeedback.tsx';

const kindLabels = { company: '用人单位', institution: '认证机构', school: '学校' } as const;

/**
 * 单位管理: pick an organization; edit its info, suspend or reinstate it, set its active-posting
 * cap, grant points.
 */
export default function OrganizationAdminPage() {
  const [selected, setSelected] = useState<string | undefined>();
  const list = useQuery({ queryKey: ['admin', 'organizations'], queryFn: listOrganizations });
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        单位管理
      </Typography.Title>
      <Select
        showSearch
        style={{ width: '100%', maxWidth: 480 }}
        placeholder="搜索单位名称"
        optionFilterProp="label"
        value={selected}
        onChange={setSelected}
        loading={list.isPending}
        options={(list.data ?? []).map((o) => ({
          value: o.id,
          label: `${o.name}（${kindLabels[o.kind]}${o.status === 'suspended' ? '·已暂停' : ''}）`,
        }))}
      />
      {selected && <OrganizationPanel id={selected} key={selected} />}
    </Space>
  );
}

function OrganizationPanel({ id }: { id: string }) {
  const info = useQuery({
    queryKey: ['admin', 'organization', id],
    queryFn: () => getOrganizationInfo(id),
  });
  return (
    <QueryView query={info}>
      {(org) => (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={12}>
            <InfoCard org={org} />
          </Col>
          <Col xs={24} lg={12}>
            <Space direction="vertical" size={16} style={{ width: '100%' }}>
              <SuspensionCard org={org} />
              {org.kind !== 'school' && (
                <PostingCapCard id={org.id} name={org.name} kind={org.kind} />
              )}
              {org.kind !== 'school' && <PointsCard id={org.id} />}
            </Space>
          </Col>
        </Row>
      )}
    </QueryView>
  );
}

function useRefresh(id: string) {
  const queryClient = useQueryClient();
  return (next?: OrganizationInfo) => {
    if (next) queryClient.setQueryData(['admin', 'organization', id], next);
    void queryClient.invalidateQueries({ queryKey: ['admin', 'organizations'] });
  };
}

function InfoCard({ org }: { org: OrganizationInfo }) {
  const { message } = useFeedback();
  const refresh = useRefresh(org.id);
  const save = useMutation({
    mutationFn: (body: OrganizationInfoBody) => saveOrganizationInfo(org.id, body),
    onSuccess: (next) => {
      refresh(next);
      void message.success('已保存');
    },
    onError: (e) => void message.error(describeError(e)),
  });
  return (
    <Card title={`${org.name} · 单位信息`} size="small">
      <Form<OrganizationInfoBody>
        layout="vertical"
        initialValues={org}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="contactName" label="联系人">
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="contactPhone" label="联系电话">
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item
          name="contactEmail"
          label="联系邮箱"
          rules={[{ type: 'email', message: '请输入正确的邮箱' }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="address" label="联系地址">
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="introduction" label="单位简介">
          <Input.TextArea rows={4} maxLength={5000} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          保存
        </Button>
      </Form>
    </Card>
  );
}

function SuspensionCard({ org }: { org: OrganizationInfo }) {
  const { message } = useFeedback();
  const refresh = useRefresh(org.id);
  const [reason, setReason] = useState('');
  const onError = (e: unknown) => void message.error(describeError(e));
  const suspend = useMutation({
    mutationFn: () => suspendOrganization(org.id, reason),
    onSuccess: (next) => {
      setReason('');
      refresh(next);
    },
    onError,
  });
  const reinstate = useMutation({
    mutationFn: () => reinstateOrganization(org.id),
    onSuccess: refresh,
    onError,
  });
  return (
    <Card title="状态" size="small">
      {org.status === 'suspended' ? (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Alert
            type="error"
            showIcon
            title={`已暂停发布职位（${org.suspension ? suspensionCauseLabels[org.suspension.cause] : ''}）`}
            description={org.suspension?.reason}
          />
          <Button onClick={() => reinstate.mutate()} loading={reinstate.isPending}>
            恢复
          </Button>
        </Space>
      ) : (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Space>
            <Tag color="green">正常</Tag>
            {org.verificationDueAt && (
              <Typography.Text type="secondary">
                下次信息确认：{new Date(org.verificationDueAt).toLocaleDateString('zh-CN')}
              </Typography.Text>
            )}
          </Space>
          <Input.TextArea
            rows={2}
            placeholder="暂停原因（将通知该单位）"
            value={reason}
            maxLength={500}
            onChange={(e) => setReason(e.target.value)}
          />
          <Button
            danger
            disabled={reason.trim().length < 2}
            loading={suspend.isPending}
            onClick={() => suspend.mutate()}
          >
            暂停该单位
          </Button>
        </Space>
      )}
    </Card>
  );
}

function PointsCard({ id }: { id: string }) {
  const { message } = useFeedback();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ delta: number; reason: string }>();
  const [page, setPage] = useState(1);
  const ledger = useQuery({
    queryKey: ['admin', 'points', id, page],
    queryFn: () => getPoints(id, page),
    placeholderData: keepPreviousData,
  });
  const adjust = useMutation({
    mutationFn: (v: { delta: number; reason: string }) => adjustPoints(id, v.delta, v.reason),
    onSuccess: (next) => {
      // the answer is the first page with the new entry on top: the other pages shifted
      queryClient.removeQueries({ queryKey: ['admin', 'points', id] });
      queryClient.setQueryData(['admin', 'points', id, 1], next);
      setPage(1);
      form.resetFields();
      void message.success('已记入点数台账');
    },
    onError: (e) => void message.error(describeError(e)),
  });
  return (
    <Card title={`会员点数 · 余额 ${ledger.data?.balance ?? '—'}`} size="small">
      <Form
        form={form}
        layout="inline"
        onFinish={(v) => adjust.mutate(v)}
        style={{ rowGap: 8, marginBottom: 12 }}
      >
        <Form.Item name="delta" rules={[{ required: true, message: '请输入点数' }]}>
          <InputNumber placeholder="+赠送 / -扣减" style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="reason" rules={[{ required: true, min: 2, message: '请填写原因' }]}>
          <Input placeholder="原因" style={{ width: 180 }} />
        </Form.Item>
        <Button htmlType="submit" type="primary" loading={adjust.isPending}>
          调整
        </Button>
      </Form>
      <Table
        size="small"
        rowKey="id"
        loading={ledger.isFetching}
        pagination={{
          current: page,
          pageSize: ledger.data?.pageSize ?? adminPointsPageSize,
          total: ledger.data?.total ?? 0,
          onChange: setPage,
          showSizeChanger: false,
          showTotal: (total) => `共 ${total} 条`,
        }}
        dataSource={ledger.data?.entries ?? []}
        columns={[
          {
            title: '时间',
            dataIndex: 'createdAt',
            render: (v: string) => new Date(v).toLocaleString('zh-CN'),
          },
          { title: '变动', dataIndex: 'delta', render: (d: number) => (d > 0 ? `+${d}` : d) },
          { title: '原因', dataIndex: 'reason' },
        ]}
      />
    </Card>
  );
}
