import { useState } from 'react';
import { Button, Card, Descriptions, Empty, List, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import type { AdmissionStatus, SchoolAdmission } from '@hirehall/shared/organizations';
import { QueryView } from '../../../components/feedback.tsx';
import { ReasonModal } from '../../../components/form-helpers.tsx';
import { describeError } from '../../../lib/api.ts';
import {
  approveAdmission,
  fetchSchoolAdmissions,
  fileUrl,
  organizationKeys,
  rejectAdmission,
} from '../api/organizations.api.ts';
import { admissionStatusLabels } from '../components/labels.ts';
import { useIsMobile } from '../../../lib/useIsMobile.ts';
import { useFeedback } from '../../../app/AppFeedback.tsx';

const tabs: { key: AdmissionStatus; label: string }[] = [
  { key: 'pending', label: '待审核' },
  { key: 'approved', label: '已通过' },
  { key: 'rejected', label: '已拒绝' },
];

function EmployerDetails({ item }: { item: SchoolAdmission }) {
  const e = item.employer;
  return (
    <Descriptions
      size="small"
      column={{ xs: 1, sm: 1, md: 2 }}
      items={[
        { key: 'code', label: '统一社会信用代码', children: e.creditCode ?? '—' },
        {
          key: 'licence',
          label: '营业执照',
          children: e.licenceFileId ? (
            <a href={fileUrl(e.licenceFileId)} target="_blank" rel="noreferrer">
              查看营业执照
            </a>
          ) : (
            '未上传'
          ),
        },
        { key: 'contact', label: '联系人', children: e.contactName ?? '—' },
        { key: 'phone', label: '联系电话', children: e.contactPhone ?? '—' },
        { key: 'email', label: '联系邮箱', children: e.contactEmail ?? '—' },
        {
          key: 'industry',
          label: '行业 / 规模',
          children: [e.industry, e.scale].filter(Boolean).join(' / ') || '—',
        },
        { key: 'address', label: '地址', children: e.address ?? '—', span: 2 },
        { key: 'note', label: '申请说明', children: item.note ?? '—', span: 2 },
        ...(item.reason
          ? [{ key: 'reason', label: '拒绝原因', children: item.reason, span: 2 }]
          : []),
        {
          key: 'intro',
          label: '单位简介',
          span: 2,
          children: (
            <Typography.Paragraph
              ellipsis={{ rows: 3, expandable: true, symbol: '展开' }}
              style={{ margin: 0 }}
            >
              {e.introduction ?? '—'}
            </Typography.Paragraph>
          ),
        },
      ]}
    />
  );
}

function ReviewActions({ item, onReject }: { item: SchoolAdmission; onReject: () => void }) {
  const queryClient = useQueryClient();
  const { message, modal } = useFeedback();
  const approve = useMutation({
    mutationFn: () => approveAdmission(item.id),
    onSuccess: () => {
      message.success(`已通过「${item.employer.name}」的入驻申请`);
      void queryClient.invalidateQueries({ queryKey: ['school', 'admissions'] });
    },
    onError: (error) => {
      message.error(describeError(error));
      void queryClient.invalidateQueries({ queryKey: ['school', 'admissions'] });
    },
  });
  if (item.status !== 'pending') return null;
  return (
    <Space>
      <Button
        type="primary"
        loading={approve.isPending}
        onClick={() =>
          modal.confirm({
            title: '确认通过审核？',
            content: `通过后，「${item.employer.name}」可在本校开展 ${item.graduationYear} 届招聘和网签业务。`,
            okText: '通过',
            cancelText: '取消',
            onOk: () => approve.mutateAsync().catch(() => {}),
          })
        }
      >
        通过
      </Button>
      <Button danger onClick={onReject} disabled={approve.isPending}>
        拒绝
      </Button>
    </Space>
  );
}

function AdmissionList({ status }: { status: AdmissionStatus }) {
  const isMobile = useIsMobile();
  const queryClient = useQueryClient();
  const { message } = useFeedback();
  const [rejecting, setRejecting] = useState<SchoolAdmission | null>(null);
  const query = useQuery({
    queryKey: organizationKeys.schoolQueue(status),
    queryFn: () => fetchSchoolAdmissions(status),
  });
  const emptyText = {
    pending: '暂无待审核的单位',
    approved: '暂无已通过的单位',
    rejected: '暂无已拒绝的单位',
  }[status as 'pending'];

  const reject = async (reason: string) => {
    if (!rejecting) return;
    await rejectAdmission(rejecting.id, reason);
    message.success(`已拒绝「${rejecting.employer.name}」的入驻申请`);
    setRejecting(null);
    void queryClient.invalidateQueries({ queryKey: ['school', 'admissions'] });
  };

  return (
    <>
      <QueryView
        query={query}
        isEmpty={(rows) => rows.length === 0}
        empty={<Empty description={emptyText} />}
      >
        {(rows) =>
          !isMobile ? (
            <Table<SchoolAdmission>
              rowKey="id"
              dataSource={rows}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              expandable={{
                expandedRowRender: (item) => <EmployerDetails item={item} />,
                expandRowByClick: true,
              }}
              columns={[
                { title: '单位名称', render: (_, item) => item.employer.name },
                { title: '毕业年份', dataIndex: 'graduationYear', render: (y: number) => `${y}届` },
                {
                  title: '申请时间',
                  dataIndex: 'createdAt',
                  render: (t: string) => dayjs(t).format('YYYY-MM-DD HH:mm'),
                },
                {
                  title: '状态',
                  dataIndex: 'status',
                  render: (s: AdmissionStatus) => (
                    <Tag color={admissionStatusLabels[s].color}>
                      {admissionStatusLabels[s].text}
                    </Tag>
                  ),
                },
                {
                  title: '操作',
                  render: (_, item) => (
                    <ReviewActions item={item} onReject={() => setRejecting(item)} />
                  ),
                },
              ]}
            />
          ) : (
            <List
              dataSource={rows}
              renderItem={(item) => (
                <Card
                  size="small"
                  style={{ marginBottom: 12 }}
                  title={item.employer.name}
                  extra={
                    <Tag color={admissionStatusLabels[item.status].color}>
                      {admissionStatusLabels[item.status].text}
                    </Tag>
                  }
                >
                  <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
                    {item.graduationYear}届 · 申请于{' '}
                    {dayjs(item.createdAt).format('YYYY-MM-DD HH:mm')}
                  </Typography.Paragraph>
                  <EmployerDetails item={item} />
                  <div style={{ marginTop: 12 }}>
                    <ReviewActions item={item} onReject={() => setRejecting(item)} />
                  </div>
                </Card>
              )}
            />
          )
        }
      </QueryView>
      <ReasonModal
        open={!!rejecting}
        title={rejecting ? `拒绝「${rejecting.employer.name}」的入驻申请` : '拒绝'}
        okText="拒绝"
        onCancel={() => setRejecting(null)}
        onSubmit={reject}
      />
    </>
  );
}

export default function SchoolAdmissionsPage() {
  const [active, setActive] = useState<AdmissionStatus>('pending');
  return (
    <Card title="单位审核">
      <Tabs
        activeKey={active}
        onChange={(key) => setActive(key as AdmissionStatus)}
        items={tabs.map((tab) => ({ key: tab.key, label: tab.label }))}
      />
      <AdmissionList key={active} status={active} />
    </Card>
  );
}
