import type { ReactNode } from 'react';
import { Card, Col, Row, Statistic } from 'antd';

export interface StatItem {
  title: string;
  value: number | string;
  icon?: ReactNode;
}

/** 数据概览: a row of number cards, two per row on a phone. */
export function StatRow({ items }: { items: StatItem[] }) {
  return (
    <Row gutter={[12, 12]}>
      {items.map((item) => (
        <Col key={item.title} xs={12} md={8} lg={6}>
          <Card size="small" style={{ height: '100%' }} data-testid={`stat-${item.title}`}>
            <Statistic
              title={item.title}
              value={item.value}
              prefix={item.icon}
              styles={{ content: { fontSize: 22 } }}
            />
          </Card>
        </Col>
      ))}
    </Row>
  );
}
