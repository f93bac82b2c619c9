import { useState } from 'react';
import { Button, Drawer, Input, Select, Space, Table, Tabs, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Agreement } from '@hirehall/shared/agreements';
import { graduationYears } from '@hirehall/shared/organizations';
import { canReview, keyed, type KeyedTarget } from '../actions.ts';
import { QueryView } from '../../../components/feedback.tsx';
import { ReasonModal } from '../../../components/form-helpers.tsx';
import { describeError } from '../../../lib/api.ts';
import { useSignedInAccount } from '../../../app/session.ts';
import {
  approveAgreement,
  fetchReviewQueue,
  PAGE_SIZE,
  pdfUrl,
  returnAgreement,
} from '../api/agreements.api.ts';
import { AgreementView, StatusTags } from '../components/AgreementView.tsx';
import { useFeedback } from '../../../app/AppFeedback.tsx';

const filters = [
  { key: 'pending', label: '待审核' },
  { key: 'returned', label: '已退回' },
  { key: 'signed', label: '已签约' },
  { key: 'terminated', label: '已解约' },
  { key: 'all', label: '全部' },
];

/** 签约审核 for college staff (first) and school staff (second). */
export default function ReviewQueuePage() {
  const account = useSignedInAccount();
  const role = account.role === 'college' ? 'college' : 'school';
  const [year, setYear] = useState(graduationYears()[0]!);
  const [filter, setFilter] = useState('pending');
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const first =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      setPage(1);
    };
  const [open, setOpen] = useState<Agreement | null>(null);
  const [returning, setReturning] = useState<KeyedTarget | null>(null);
  const client = useQueryClient();
  const { message } = useFeedback();
  const query = useQuery({
    queryKey: ['agreements', 'review', role, year, filter, q, page],
    queryFn: () => fetchReviewQueue(role, year, filter, q || undefined, page),
  });
  const refresh = () => void client.invalidateQueries({ queryKey: ['agreements'] });
  const approve = useMutation({
    mutationFn: (v: KeyedTarget) => approveAgreement(role, v.id, v.key),
    onSuccess: () => {
      message.success('审核通过');
      setOpen(null);
      refresh();
    },
    onError: (e) => message.error(describeError(e)),
  });
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          签约审核（{role === 'college' ? '学院' : '学校'}）
        </Typography.Title>
        <Select
          value={year}
          onChange={first(setYear)}
          options={graduationYears().map((y) => ({ value: y, label: `${y}届` }))}
        />
      </Space>
      <Tabs
        activeKey={filter}
        onChange={first(setFilter)}
        items={filters}
        tabBarExtraContent={
          <Input.Search
            placeholder="姓名 / 学号 / 专业"
            allowClear
            onSearch={first(setQ)}
            style={{ width: 240 }}
          />
        }
      />
      <QueryView query={query}>
        {(data) => (
          <Table<Agreement>
            rowKey="id"
            dataSource={data.items}
            pagination={{
              current: page,
              pageSize: PAGE_SIZE,
              total: data.total,
              showSizeChanger: false,
              onChange: setPage,
            }}
            columns={[
              { title: '姓名', render: (_, a) => a.graduate.name },
              { title: '学号', render: (_, a) => a.graduate.studentNumber },
              { title: '学院', render: (_, a) => a.graduate.collegeName },
              { title: '单位', render: (_, a) => a.employer.name },
              { title: '岗位', render: (_, a) => a.terms.position },
              { title: '状态', render: (_, a) => <StatusTags a={a} /> },
              {
                title: '操作',
                render: (_, a) => (
                  <Button type="link" onClick={() => setOpen(a)}>
                    查看
                  </Button>
                ),
              },
            ]}
          />
        )}
      </QueryView>
      <Drawer
        open={!!open}
        width={720}
        title="协议详情"
        onClose={() => setOpen(null)}
        extra={
          open && (
            <Space>
              {canReview(open, `${role}_approve`) && (
                <>
                  <Button
                    type="primary"
                    loading={approve.isPending}
                    onClick={() => approve.mutate(keyed(open.id))}
                  >
                    审核通过
                  </Button>
                  <Button danger onClick={() => setReturning(keyed(open.id))}>
                    退回
                  </Button>
                </>
              )}
              {open.agreementNumber && (
                <Button href={pdfUrl(open.id)} target="_blank">
                  打印
                </Button>
              )}
            </Space>
          )
        }
      >
        {open && <AgreementView a={open} />}
      </Drawer>
      <ReasonModal
        open={!!returning}
        title="退回协议"
        okText="退回"
        onCancel={() => setReturning(null)}
        onSubmit={async (reason) => {
          await returnAgreement(role, returning!.id, reason, returning!.key);
          setReturning(null);
          setOpen(null);
          refresh();
        }}
      />
    </>
  );
}
