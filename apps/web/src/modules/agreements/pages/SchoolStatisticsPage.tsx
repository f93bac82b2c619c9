import { useState } from 'react';
import { Alert, Button, Card, Progress, Select, Space, Statistic, Table, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PushJob } from '@hirehall/shared/agreements';
import { graduationYears } from '@hirehall/shared/organizations';
import { QueryView } from '../../../components/feedback.tsx';
import { describeError } from '../../../lib/api.ts';
import { fetchPushJob, fetchStats, pushReport } from '../api/agreements.api.ts';
import { useFeedback } from '../../../app/AppFeedback.tsx';

const pct = (r: number) => `${(r * 100).toFixed(1)}%`;

/** 统计 and 一键上报: counts and rates by college and major; export and push. */
export default function SchoolStatisticsPage() {
  const [year, setYear] = useState(graduationYears()[0]!);
  const { message } = useFeedback();
  const client = useQueryClient();
  const query = useQuery({
    queryKey: ['agreements', 'stats', year],
    queryFn: () => fetchStats(year),
  });
  // the push runs on the server in the background; its progress is polled while it runs
  const job = useQuery({
    queryKey: ['agreements', 'push', year],
    queryFn: () => fetchPushJob(year),
    refetchInterval: (q) => (q.state.data?.job?.status === 'running' ? 1000 : false),
  });
  const push = useMutation({
    mutationFn: () => pushReport(year),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['agreements', 'push', year] }),
    onError: (e) => message.error(describeError(e)),
  });
  const running = job.data?.job?.status === 'running';
  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          签约统计
        </Typography.Title>
        <Select
          value={year}
          onChange={setYear}
          options={graduationYears().map((y) => ({ value: y, label: `${y}届` }))}
        />
        <Button href={`/api/school/provincial-report.csv?graduationYear=${year}`}>导出 CSV</Button>
        <Button href={`/api/school/provincial-report.xlsx?graduationYear=${year}`}>
          导出 Excel
        </Button>
        <Button type="primary" loading={push.isPending || running} onClick={() => push.mutate()}>
          {running ? '上报中…' : '一键上报'}
        </Button>
      </Space>
      {job.data?.job && <PushProgress job={job.data.job} />}
      <QueryView query={query}>
        {(s) => (
          <>
            <Card style={{ marginBottom: 12 }}>
              <Space size="large">
                <Statistic title="生源人数" value={s.totals.graduates} />
                <Statistic title="已签约" value={s.totals.signed} />
                <Statistic title="审核中" value={s.totals.inReview} />
                <Statistic title="已解约" value={s.totals.terminated} />
                <Statistic title="签约率" value={pct(s.totals.signingRate)} />
              </Space>
            </Card>
            <Table
              rowKey={(r) => `${r.collegeName}/${r.major}`}
              dataSource={s.rows}
              pagination={false}
              columns={[
                { title: '学院', dataIndex: 'collegeName' },
                { title: '专业', dataIndex: 'major' },
                { title: '生源人数', dataIndex: 'graduates' },
                { title: '已签约', dataIndex: 'signed' },
                { title: '审核中', dataIndex: 'inReview' },
                { title: '已解约', dataIndex: 'terminated' },
                { title: '签约率', render: (_, r) => pct(r.signingRate) },
              ]}
            />
          </>
        )}
      </QueryView>
    </>
  );
}

/** The latest push of the year: progress while running, then its result. */
function PushProgress({ job }: { job: PushJob }) {
  const handled = job.delivered + job.alreadyDelivered + job.failed;
  const summary = `本次上报 ${job.delivered} 条，此前已上报 ${job.alreadyDelivered} 条，失败 ${job.failed} 条`;
  if (job.status === 'running') {
    return (
      <Card size="small" style={{ marginBottom: 12 }} title="正在上报省级平台">
        <Progress percent={job.total ? Math.floor((handled / job.total) * 100) : 0} />
        <Typography.Text type="secondary">{`${handled} / ${job.total}`}</Typography.Text>
      </Card>
    );
  }
  return (
    <Alert
      style={{ marginBottom: 12 }}
      showIcon
      type={job.status === 'failed' || job.failed > 0 ? 'warning' : 'success'}
      title={
        job.status === 'failed'
          ? `上报未完成：${job.message ?? ''}`
          : `上报完成（${new Date(job.finishedAt ?? job.createdAt).toLocaleString('zh-CN')}）：${summary}`
      }
      description={
        job.errors.length > 0
          ? job.errors.map((e) => `${e.agreementNumber}：${e.message}`).join('；')
          : undefined
      }
    />
  );
}
