import { Card, Statistic, Table } from 'antd';
import { pointsReasonLabels } from '@hirehall/shared/talentpool';
import { QueryView } from '../../../components/feedback.tsx';
import { usePoints } from '../api/talentpool.api.ts';

/** 会员点数: balance and every change. */
export default function PointsPage() {
  const query = usePoints();
  return (
    <QueryView query={query}>
      {(ledger) => (
        <Card title="会员点数">
          <Statistic title="当前余额" value={ledger.balance} suffix="点" />
          <p style={{ color: '#888' }}>
            查看一位人才的联系方式需 {ledger.revealCost} 点；同一名片再次查看不扣点。
          </p>
          <Table
            rowKey="id"
            dataSource={ledger.entries}
            pagination={{ pageSize: 20 }}
            columns={[
              { title: '时间', render: (_, e) => new Date(e.createdAt).toLocaleString('zh-CN') },
              { title: '变动', render: (_, e) => (e.delta > 0 ? `+${e.delta}` : e.delta) },
              { title: '事由', render: (_, e) => pointsReasonLabels[e.reason] ?? e.reason },
            ]}
          />
        </Card>
      )}
    </QueryView>
  );
}
