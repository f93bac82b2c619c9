import { useState } from 'react';
import { Button, Space, Table, Tabs, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { terminationStatusLabels } from '@hirehall/shared/agreements';
import { QueryView } from '../../../components/feedback.tsx';
import { canTermination, keyed, type KeyedTarget } from '../actions.ts';
import { ReasonModal } from '../../../components/form-helpers.tsx';
import { describeError } from '../../../lib/api.ts';
import {
  fetchSchoolTerminations,
  letterUrl,
  reviewTermination,
  type SchoolTermination,
} from '../api/agreements.api.ts';
import { useFeedback } from '../../../app/AppFeedback.tsx';

/** 解约审核: requests both parties agreed to wait for the school. */
export default function SchoolTerminationsPage() {
  const [status, setStatus] = useState('consented');
  const [rejecting, setRejecting] = useState<KeyedTarget | null>(null);
  const client = useQueryClient();
  const { message } = useFeedback();
  const query = useQuery({
    queryKey: ['agreements', 'terminations', status],
    queryFn: () => fetchSchoolTerminations(status === 'all' ? undefined : status),
  });
  const refresh = () => void client.invalidateQueries({ queryKey: ['agreements'] });
  const approve = useMutation({
    mutationFn: (v: KeyedTarget) => reviewTermination(v.id, 'approve', undefined, v.key),
    onSuccess: () => {
      message.success('已同意解约');
      refresh();
    },
    onError: (e) => message.error(describeError(e)),
  });
  return (
    <>
      <Typography.Title level={4}>解约审核</Typography.Title>
      <Tabs
        activeKey={status}
        onChange={setStatus}
        items={[
          { key: 'consented', label: '待审核' },
          { key: 'requested', label: '待对方确认' },
          { key: 'approved', label: '已解约' },
          { key: 'all', label: '全部' },
        ]}
      />
      <QueryView query={query}>
        {({ items }) => (
          <Table<SchoolTermination>
            rowKey="id"
            dataSource={items}
            pagination={false}
            columns={[
              { title: '协议编号', render: (_, t) => t.agreement.agreementNumber },
              { title: '毕业生', render: (_, t) => t.agreement.graduate.name },
              { title: '单位', render: (_, t) => t.agreement.employer.name },
              {
                title: '申请方',
                render: (_, t) => (t.initiatedBy === 'graduate' ? '毕业生' : '用人单位'),
              },
              { title: '申请说明', dataIndex: 'reason' },
              {
                title: '解约函',
                render: (_, t) => (
                  <a href={letterUrl(t.id)} target="_blank" rel="noreferrer">
                    查看
                  </a>
                ),
              },
              { title: '状态', render: (_, t) => terminationStatusLabels[t.status] },
              {
                title: '操作',
                render: (_, t) =>
                  canTermination(t, 'approve') && (
                    <Space>
                      <Button type="link" onClick={() => approve.mutate(keyed(t.id))}>
                        同意解约
                      </Button>
                      <Button type="link" danger onClick={() => setRejecting(keyed(t.id))}>
                        不同意
                      </Button>
                    </Space>
                  ),
              },
            ]}
          />
        )}
      </QueryView>
      <ReasonModal
        open={!!rejecting}
        title="不同意解约"
        onCancel={() => setRejecting(null)}
        onSubmit={async (reason) => {
          await reviewTermination(rejecting!.id, 'reject', reason, rejecting!.key);
          setRejecting(null);
          refresh();
        }}
      />
    </>
  );
}
