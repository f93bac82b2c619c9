import { useState } from 'react';
import { Button, Card, Space, Statistic, Table } from 'antd';
import { pointsReasonLabels } from '@hirehall/shared/talentpool';
import { QueryView } from '../../../components/feedback.tsx';
import { useLedgerPage } from '../api/talentpool.api.ts';

/** 会员点数: balance and every change, 20 a page (newer / older by the ledger's cursor). */
export default function PointsPage() {
  // the `before` cursors of the pages opened so far; the last one is shown
  const [cursors, setCursors] = useState<number[]>([]);
  const before = cursors.at(-1);
  const query = useLedgerPage(before);
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
            size="small"
            scroll={{ x: 'max-content' }}
            dataSource={ledger.entries}
            pagination={false}
            loading={query.isFetching && query.isPlaceholderData}
            columns={[
              { title: '时间', render: (_, e) => new Date(e.createdAt).toLocaleString('zh-CN') },
              { title: '变动', render: (_, e) => (e.delta > 0 ? `+${e.delta}` : e.delta) },
              { title: '事由', render: (_, e) => pointsReasonLabels[e.reason] ?? e.reason },
            ]}
          />
          <Space style={{ marginTop: 12 }} wrap>
            <Button disabled={cursors.length === 0} onClick={() => setCursors([])}>
              最新
            </Button>
            <Button
              disabled={cursors.length === 0}
              onClick={() => setCursors((c) => c.slice(0, -1))}
            >
              上一页
            </Button>
            <Button
              disabled={ledger.nextCursor === null || query.isPlaceholderData}
              onClick={() => {
                const next = ledger.nextCursor;
                if (next !== null) setCursors((c) => [...c, next]);
              }}
            >
              下一页（更早）
            </Button>
            <span style={{ color: '#888' }}>第 {cursors.length + 1} 页</span>
          </Space>
        </Card>
      )}
    </QueryView>
  );
}
