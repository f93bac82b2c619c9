import { useState } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, DatePicker, Form, Input, Space, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import type { AuditEntryView } from '@hirehall/shared/admin';
import { QueryView } from '../../../components/feedback.tsx';
import {
  auditExportUrl,
  searchAudit,
  verifyAudit,
  type AuditFilter,
} from '../api/admin-console.api.ts';

interface FilterForm {
  action?: string;
  actorAccountId?: string;
  targetType?: string;
  targetId?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

/** 审计日志: filters, paging, CSV export and the hash-chain check. Platform admin only. */
export default function AuditLogPage() {
  const [filter, setFilter] = useState<AuditFilter>({ page: 1 });
  const entries = useQuery({ queryKey: ['audit', filter], queryFn: () => searchAudit(filter) });
  const verify = useMutation({ mutationFn: verifyAudit });
  const apply = (v: FilterForm) =>
    setFilter({
      action: v.action?.trim() || undefined,
      actorAccountId: v.actorAccountId?.trim() || undefined,
      targetType: v.targetType?.trim() || undefined,
      targetId: v.targetId?.trim() || undefined,
      from: v.range?.[0]?.format('YYYY-MM-DD'),
      to: v.range?.[1]?.format('YYYY-MM-DD'),
      page: 1,
    });
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        审计日志
      </Typography.Title>
      <Form<FilterForm> layout="inline" onFinish={apply} style={{ rowGap: 8 }}>
        <Form.Item name="action" label="操作">
          <Input placeholder="如 contact. 或 points.grant" allowClear />
        </Form.Item>
        <Form.Item name="targetType" label="对象类型">
          <Input placeholder="organization / account …" allowClear />
        </Form.Item>
        <Form.Item name="targetId" label="对象ID">
          <Input allowClear />
        </Form.Item>
        <Form.Item name="actorAccountId" label="操作人ID">
          <Input allowClear />
        </Form.Item>
        <Form.Item name="range" label="日期">
          <DatePicker.RangePicker />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          查询
        </Button>
      </Form>
      <Space wrap>
        <Button href={auditExportUrl(filter)} download>
          导出 CSV
        </Button>
        <Button onClick={() => verify.mutate()} loading={verify.isPending}>
          校验完整性
        </Button>
      </Space>
      {verify.data && (
        <Alert
          showIcon
          type={verify.data.intact ? 'success' : 'error'}
          title={
            verify.data.intact
              ? `审计日志完整，共 ${verify.data.rows} 条记录，哈希链校验通过`
              : `审计日志在第 ${verify.data.brokenAt} 条记录处校验失败，可能已被篡改`
          }
        />
      )}
      <QueryView query={entries}>
        {(data) => (
          <Table<AuditEntryView>
            rowKey="id"
            size="small"
            dataSource={data.items}
            scroll={{ x: 900 }}
            pagination={{
              current: filter.page ?? 1,
              pageSize: 50,
              total: data.total,
              showSizeChanger: false,
              onChange: (page) => setFilter({ ...filter, page }),
            }}
            expandable={{
              expandedRowRender: (e) => (
                <pre style={{ margin: 0, whiteSpace: 'pre-wrap' }}>
                  {JSON.stringify(e.details, null, 2)}
                  {'\n'}hash: {e.hash}
                </pre>
              ),
            }}
            columns={[
              { title: '编号', dataIndex: 'id', width: 80 },
              {
                title: '时间',
                dataIndex: 'createdAt',
                width: 170,
                render: (v: string) => new Date(v).toLocaleString('zh-CN'),
              },
              {
                title: '操作人',
                width: 140,
                render: (_, e) => e.actorName ?? e.actorRole ?? '系统',
              },
              { title: '操作', dataIndex: 'action', width: 200 },
              {
                title: '对象',
                render: (_, e) => [e.targetType, e.targetId].filter(Boolean).join(' · '),
              },
              { title: 'IP', dataIndex: 'ip', width: 120 },
            ]}
          />
        )}
      </QueryView>
    </Space>
  );
}
