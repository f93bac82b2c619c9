import type { ReactNode } from 'react';
import { Card, Col, Empty, Row, Statistic, Typography } from 'antd';
import { NotificationOutlined } from '@ant-design/icons';

export interface OverviewItem {
  title: string;
  value?: number | string;
  icon?: ReactNode;
  hint?: string;
}

/** 数据概览: number cards; a dash until the feature behind it exists. */
export function OverviewCards({ items }: { items: OverviewItem[] }) {
  return (
    <Row gutter={[12, 12]}>
      {items.map((item) => (
        <Col key={item.title} xs={12} md={12} lg={6}>
          <Card size="small" style={{ height: '100%' }}>
            <Statistic
              title={item.title}
              value={item.value ?? '—'}
              prefix={item.icon}
              styles={{ content: { fontSize: 22 } }}
            />
            {item.hint && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {item.hint}
              </Typography.Text>
            )}
          </Card>
        </Col>
      ))}
    </Row>
  );
}

/** 系统消息 — the notification centre fills this later. */
export function SystemMessagesCard() {
  return (
    <Card
      title={
        <>
          <NotificationOutlined /> 系统消息
        </>
      }
    >
      <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无系统消息" />
    </Card>
  );
}
