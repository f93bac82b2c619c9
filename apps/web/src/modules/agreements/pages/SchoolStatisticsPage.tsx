import { useState } from 'react';
import { App, Button, Card, Select, Space, Statistic, Table, Typography } from 'antd';
import { useMutation, useQuery } from '@tanstack/react-query';
import { graduationYears } from '@hirehall/shared/organizations';
import { QueryView } from '../../../components/feedback.tsx';
import { describeError } from '../../../lib/api.ts';
import { fetchStats, pushReport } from '../api/agreements.api.ts';

const pct = (r: number) => `${(r * 100).toFixed(1)}%`;

/** 统计 and 一键上报: counts and rates by college and major; export and push. */
export default function SchoolStatisticsPage() {
  const [year, setYear] = useState(graduationYears()[0]!);
  const { message, modal } = App.useApp();
  const query = useQuery({
    queryKey: ['agreements', 'stats', year],
    queryFn: () => fetchStats(year),
  });
  const push = useMutation({
    mutationFn: () => pushReport(year),
    onSuccess: (r) =>
      modal.info({
        title: '上报结果',
        content: `本次上报 ${r.delivered} 条，此前已上报 ${r.alreadyDelivered} 条，失败 ${r.failed} 条。${r.errors.map((e) => `\n${e.agreementNumber}：${e.message}`).join('')}`,
      }),
    onError: (e) => message.error(describeError(e)),
  });
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
        <Button type="primary" loading={push.isPending} onClick={() => push.mutate()}>
          一键上报
        </Button>
      </Space>
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
