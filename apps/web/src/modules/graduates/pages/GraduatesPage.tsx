import { useState } from 'react';
import { Alert, Button, Input, Select, Space, Table, Tag, Typography, Upload } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  genderLabels,
  graduateStatusLabels,
  type GraduateRecord,
} from '@hirehall/shared/graduates';
import { graduationYears } from '@hirehall/shared/organizations';
import { QueryView } from '../../../components/feedback.tsx';
import { ReasonModal } from '../../../components/form-helpers.tsx';
import { ApiError, describeError } from '../../../lib/api.ts';
import { useSignedInAccount } from '../../../app/session.ts';
import {
  approveGraduate,
  fetchGraduates,
  importGraduates,
  rejectGraduate,
} from '../api/graduates.api.ts';
import { useFeedback } from '../../../app/AppFeedback.tsx';

interface RowError {
  row: number;
  field: string;
  message: string;
}

/** 生源信息: the school imports per year; the college reviews its own graduates. */
export default function GraduatesPage() {
  const account = useSignedInAccount();
  const role = account.role === 'college' ? 'college' : 'school';
  const [year, setYear] = useState(graduationYears()[0]!);
  const [status, setStatus] = useState<string | undefined>(
    role === 'college' ? 'imported' : undefined,
  );
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [rowErrors, setRowErrors] = useState<RowError[]>([]);
  const [rejecting, setRejecting] = useState<string | null>(null);
  const client = useQueryClient();
  const { message } = useFeedback();
  const query = useQuery({
    queryKey: ['graduates', role, year, status, q, page],
    queryFn: () => fetchGraduates(role, { graduationYear: year, status, q, page }),
  });
  const refresh = () => void client.invalidateQueries({ queryKey: ['graduates'] });
  const upload = useMutation({
    mutationFn: (file: File) => importGraduates(year, file),
    onSuccess: (r) => {
      setRowErrors([]);
      message.success(`导入完成：新增 ${r.inserted}，更新 ${r.updated}，未变化 ${r.unchanged}`);
      refresh();
    },
    onError: (e) => {
      const rows =
        e instanceof ApiError ? (e.details as { rows?: RowError[] } | undefined)?.rows : undefined;
      setRowErrors(rows ?? []);
      message.error(describeError(e));
    },
  });
  const approve = useMutation({
    mutationFn: approveGraduate,
    onSuccess: refresh,
    onError: (e) => message.error(describeError(e)),
  });
  return (
    <>
      <Typography.Title level={4}>生源信息</Typography.Title>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          value={year}
          onChange={setYear}
          options={graduationYears().map((y) => ({ value: y, label: `${y}届` }))}
        />
        <Select
          allowClear
          placeholder="审核状态"
          value={status}
          onChange={setStatus}
          style={{ width: 140 }}
          options={Object.entries(graduateStatusLabels).map(([value, label]) => ({ value, label }))}
        />
        <Input.Search
          placeholder="姓名 / 学号 / 专业"
          allowClear
          onSearch={(v) => {
            setQ(v);
            setPage(1);
          }}
        />
        {role === 'school' && (
          <>
            <Upload
              accept=".xlsx,.csv"
              showUploadList={false}
              beforeUpload={(f) => {
                upload.mutate(f);
                return false;
              }}
            >
              <Button type="primary" loading={upload.isPending}>
                导入生源（{year}届）
              </Button>
            </Upload>
            <a href="/api/school/graduates/template.xlsx">下载 Excel 模板</a>
            <a href="/api/school/graduates/template.csv">下载 CSV 模板</a>
          </>
        )}
      </Space>
      {rowErrors.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          message="导入失败，未导入任何数据。请按以下逐行错误修改后重新导入："
          description={
            <Table<RowError>
              size="small"
              rowKey={(r) => `${r.row}-${r.field}-${r.message}`}
              dataSource={rowErrors}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              columns={[
                { title: '行号', dataIndex: 'row' },
                { title: '列', dataIndex: 'field' },
                { title: '问题', dataIndex: 'message' },
              ]}
            />
          }
        />
      )}
      <QueryView query={query}>
        {(data) => (
          <Table<GraduateRecord>
            rowKey="id"
            dataSource={data.items}
            pagination={{ current: page, pageSize: 50, total: data.total, onChange: setPage }}
            columns={[
              { title: '学号', dataIndex: 'studentNumber' },
              { title: '姓名', dataIndex: 'name' },
              { title: '性别', render: (_, g) => (g.gender ? genderLabels[g.gender] : '') },
              { title: '身份证号', dataIndex: 'idNumberMasked' },
              { title: '学院', dataIndex: 'collegeName' },
              { title: '专业', dataIndex: 'major' },
              { title: '学历', dataIndex: 'degree' },
              { title: '手机号', dataIndex: 'phoneMasked' },
              {
                title: '状态',
                render: (_, g) => (
                  <Tag
                    color={
                      g.status === 'approved' ? 'green' : g.status === 'rejected' ? 'red' : 'blue'
                    }
                  >
                    {graduateStatusLabels[g.status]}
                    {g.reason ? `：${g.reason}` : ''}
                  </Tag>
                ),
              },
              ...(role === 'college'
                ? [
                    {
                      title: '操作',
                      render: (_: unknown, g: GraduateRecord) =>
                        g.status !== 'approved' && (
                          <Space>
                            <Button type="link" onClick={() => approve.mutate(g.id)}>
                              通过
                            </Button>
                            {g.status === 'imported' && (
                              <Button type="link" danger onClick={() => setRejecting(g.id)}>
                                不通过
                              </Button>
                            )}
                          </Space>
                        ),
                    },
                  ]
                : []),
            ]}
          />
        )}
      </QueryView>
      <ReasonModal
        open={!!rejecting}
        title="审核不通过"
        onCancel={() => setRejecting(null)}
        onSubmit={async (reason) => {
          await rejectGraduate(rejecting!, reason);
          setRejecting(null);
          refresh();
        }}
      />
    </>
  );
}
