import { Button, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useLocation, useNavigate } from 'react-router';
import { jobStatusLabels, jobTransitions, type JobStatus } from '@hirehall/shared/job-options';
import type { OwnJob } from '@hirehall/shared/jobs';
import { allowedEvents } from '@hirehall/shared/workflow';
import { QueryView } from '../../../components/feedback.tsx';
import { describeError } from '../../../lib/api.ts';
import { createJob, deleteJob, fetchOwnJobs, jobAction, jobKeys } from '../api/jobs.api.ts';
import { useFeedback } from '../../../app/AppFeedback.tsx';

const statusColor: Record<JobStatus, string> = {
  draft: 'default',
  in_review: 'orange',
  published: 'green',
  paused: 'gold',
  closed: 'default',
  returned: 'red',
};
const actionLabels = {
  publish: '发布',
  pause: '暂停招聘',
  resume: '恢复招聘',
  close: '结束招聘',
} as const;

/** 职位管理 / 发布招聘: every posting with its state and counts; actions from the transition table. */
export default function OwnJobsPage() {
  const base = useLocation().pathname.replace(/\/jobs.*$/, '');
  const navigate = useNavigate();
  const { message } = useFeedback();
  const client = useQueryClient();
  const jobs = useQuery({ queryKey: jobKeys.own, queryFn: fetchOwnJobs });
  const refresh = () => client.invalidateQueries({ queryKey: jobKeys.own });
  const act = useMutation({
    mutationFn: async ({
      id,
      action,
    }: {
      id: string;
      action: keyof typeof actionLabels | 'delete';
    }) => (action === 'delete' ? (await deleteJob(id), null) : jobAction(id, action)),
    onSuccess: (job: OwnJob | null) => {
      if (job?.status === 'in_review') message.info('含有需人工审核的内容，已提交审核');
      else message.success('操作成功');
      void refresh();
    },
    onError: (e) => message.error(describeError(e)),
  });
  const create = useMutation({
    mutationFn: () => createJob({}),
    onSuccess: (job) => navigate(`${base}/jobs/${job.id}`),
    onError: (e) => message.error(describeError(e)),
  });
  const counts = (list: OwnJob[]) =>
    (Object.keys(jobStatusLabels) as JobStatus[])
      .map((s) => [s, list.filter((j) => j.status === s).length] as const)
      .filter(([, n]) => n > 0)
      .map(([s, n]) => `${jobStatusLabels[s]} ${n}`)
      .join(' · ');
  return (
    <div>
      <Space style={{ marginBottom: 12, justifyContent: 'space-between', width: '100%' }} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          职位管理
        </Typography.Title>
        <Button type="primary" onClick={() => create.mutate()} loading={create.isPending}>
          发布新招聘
        </Button>
      </Space>
      <QueryView query={jobs}>
        {(list) => (
          <>
            <Typography.Paragraph type="secondary">
              {counts(list) || '还没有职位'}
            </Typography.Paragraph>
            <Table
              rowKey="id"
              dataSource={list}
              pagination={false}
              scroll={{ x: 720 }}
              columns={[
                {
                  title: '职位',
                  render: (_, j) => (
                    <Link to={`${base}/jobs/${j.id}`}>{j.title || '（未命名草稿）'}</Link>
                  ),
                },
                { title: '薪资', dataIndex: 'salaryText' },
                {
                  title: '状态',
                  render: (_, j) => (
                    <Tag color={statusColor[j.status]}>{jobStatusLabels[j.status]}</Tag>
                  ),
                },
                { title: '收藏', dataIndex: 'favoriteCount' },
                {
                  title: '操作',
                  render: (_, j) => (
                    <Space wrap size={4}>
                      {allowedEvents(jobTransitions, j.status)
                        .filter((e): e is keyof typeof actionLabels => e in actionLabels)
                        .map((e) => (
                          <Button
                            key={e}
                            size="small"
                            onClick={() => act.mutate({ id: j.id, action: e })}
                          >
                            {actionLabels[e]}
                          </Button>
                        ))}
                      <Popconfirm
                        title="删除后求职者将无法看到此职位，确定删除？"
                        onConfirm={() => act.mutate({ id: j.id, action: 'delete' })}
                      >
                        <Button size="small" danger>
                          删除招聘
                        </Button>
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]}
            />
          </>
        )}
      </QueryView>
    </div>
  );
}
