import type { ReactNode } from 'react';
import { Empty } from 'antd';
import { NotificationOutlined } from '@ant-design/icons';
import { Panel } from '../../../components/Panel.tsx';

export interface OverviewItem {
  title: string;
  value?: number | string;
  icon?: ReactNode;
  hint?: string;
}

/**
 * 数据概览: number cards (antd Card and Statistic's look, global.css `.hh-overview`); a dash
 * until the feature behind it exists. Two columns on phones, four on wide screens.
 */
export function OverviewCards({ items }: { items: OverviewItem[] }) {
  return (
    <div className="hh-overview">
      {items.map((item) => (
        <Panel key={item.title} style={{ height: '100%' }}>
          <div className="hh-statistic-title">{item.title}</div>
          <div className="hh-statistic-value">
            {item.icon && <span style={{ marginInlineEnd: 4 }}>{item.icon}</span>}
            {item.value ?? '—'}
          </div>
          {item.hint && <div className="hh-secondary">{item.hint}</div>}
        </Panel>
      ))}
    </div>
  );
}

/** 系统消息 — the notification centre fills this later. */
export function SystemMessagesCard() {
  return (
    <Panel
      title={
        <>
          <NotificationOutlined /> 系统消息
        </>
      }
    >
      <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无系统消息" />
    </Panel>
  );
}
