import { useState } from 'react';
import { Alert, Button, Card, Space, Table, Typography, Upload } from 'antd';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { registryColumns, type ImportRowError } from '@hirehall/shared/organizations';
import { ApiError, describeError } from '../../../lib/api.ts';
import { importRegistry, registryTemplateUrl } from '../api/admin.api.ts';

type Outcome =
  | { kind: 'done'; inserted: number; updated: number; fileName: string }
  | { kind: 'rows'; rows: ImportRowError[]; fileName: string }
  | { kind: 'error'; message: string; fileName: string };

const MAX_MB = 10;

export default function RegistryImportPage() {
  const [uploading, setUploading] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const upload = async (file: File) => {
    if (!/\.(csv|xlsx)$/i.test(file.name)) {
      setOutcome({ kind: 'error', message: '仅支持 CSV 或 XLSX 文件', fileName: file.name });
      return;
    }
    if (file.size > MAX_MB * 1024 * 1024) {
      setOutcome({ kind: 'error', message: `文件超过 ${MAX_MB}MB`, fileName: file.name });
      return;
    }
    setUploading(true);
    setOutcome(null);
    try {
      const result = await importRegistry(file);
      setOutcome({ kind: 'done', ...result, fileName: file.name });
    } catch (error) {
      const rows =
        (error instanceof ApiError && error.code === 'IMPORT_FAILED'
          ? (error.details as { rows?: ImportRowError[] } | null)?.rows
          : undefined) ?? [];
      setOutcome(
        rows.length > 0
          ? { kind: 'rows', rows, fileName: file.name }
          : { kind: 'error', message: describeError(error), fileName: file.name },
      );
    } finally {
      setUploading(false);
    }
  };

  return (
    <Card title="认证人员信息库导入">
      <Typography.Paragraph>
        上传 CSV 或 XLSX 文件，列依次为：
        {registryColumns.map((c) => `${c.header}${c.required ? '（必填）' : ''}`).join('、')}。
        以手机号为准：已有的记录会被更新，新的手机号会新增。任何一行有误时，整份文件都不会导入。
      </Typography.Paragraph>
      <Space style={{ marginBottom: 16 }}>
        <a href={registryTemplateUrl} download>
          <Button icon={<DownloadOutlined />}>下载导入模板</Button>
        </a>
      </Space>
      <Upload.Dragger
        accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        showUploadList={false}
        disabled={uploading}
        beforeUpload={(file) => {
          void upload(file);
          return false;
        }}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">
          {uploading ? '正在导入，请稍候…' : '点击或拖拽文件到此处上传'}
        </p>
        <p className="ant-upload-hint">支持 CSV、XLSX，不超过 {MAX_MB}MB</p>
      </Upload.Dragger>
      {uploading && (
        <Alert
          type="info"
          showIcon
          title="正在校验并导入，文件较大时需要一些时间…"
          style={{ marginTop: 16 }}
        />
      )}
      {outcome?.kind === 'done' && (
        <Alert
          type="success"
          showIcon
          style={{ marginTop: 16 }}
          title={`「${outcome.fileName}」导入成功`}
          description={`新增 ${outcome.inserted} 人，更新 ${outcome.updated} 人。`}
        />
      )}
      {outcome?.kind === 'error' && (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 16 }}
          title={`「${outcome.fileName}」导入失败`}
          description={outcome.message}
        />
      )}
      {outcome?.kind === 'rows' && (
        <>
          <Alert
            type="error"
            showIcon
            style={{ marginTop: 16, marginBottom: 12 }}
            title={`「${outcome.fileName}」有 ${outcome.rows.length} 处错误，未导入任何数据`}
            description="请按下表修改文件后重新上传。行号与表格软件中的行号一致（第1行为表头）。"
          />
          <Table<ImportRowError>
            size="small"
            rowKey={(r) => `${r.row}:${r.field}:${r.message}`}
            dataSource={outcome.rows}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            columns={[
              { title: '行号', dataIndex: 'row', width: 80 },
              {
                title: '列',
                dataIndex: 'field',
                width: 120,
                render: (field: string) =>
                  registryColumns.find((c) => c.field === field)?.header ?? field,
              },
              { title: '错误说明', dataIndex: 'message' },
            ]}
          />
        </>
      )}
    </Card>
  );
}
