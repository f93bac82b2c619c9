import { useState } from 'react';
import { Button, Typography, Upload } from 'antd';
import { CheckCircleFilled, UploadOutlined } from '@ant-design/icons';
import { describeError } from '../../../lib/api.ts';
import { fileUrl, uploadLicence } from '../api/organizations.api.ts';

const MAX_MB = 10;
const ACCEPT = '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png';

/**
 * Business licence upload for antd Form: the field value is the uploaded `fileId`.
 * Errors (size, type, server refusals) show beside the button in plain words.
 */
export function LicenceUpload({
  value,
  onChange,
  id,
}: {
  value?: string;
  onChange?: (fileId: string | undefined) => void;
  id?: string;
}) {
  const [uploading, setUploading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fileName, setFileName] = useState<string | null>(null);

  const upload = async (file: File) => {
    setError(null);
    if (file.size > MAX_MB * 1024 * 1024) {
      setError(`文件超过 ${MAX_MB}MB，请压缩后重新上传`);
      return;
    }
    if (!/\.(pdf|jpe?g|png)$/i.test(file.name)) {
      setError('仅支持 PDF、JPG、PNG 格式');
      return;
    }
    setUploading(true);
    try {
      const { fileId } = await uploadLicence(file);
      setFileName(file.name);
      onChange?.(fileId);
    } catch (cause) {
      setError(describeError(cause));
      onChange?.(undefined);
    } finally {
      setUploading(false);
    }
  };

  return (
    <div>
      <Upload
        accept={ACCEPT}
        showUploadList={false}
        maxCount={1}
        beforeUpload={(file) => {
          void upload(file);
          return false;
        }}
      >
        <Button id={id} icon={<UploadOutlined />} loading={uploading}>
          {value ? '重新上传' : '上传营业执照'}
        </Button>
      </Upload>
      <div style={{ marginTop: 6 }}>
        {value && !uploading && (
          <Typography.Text type="success">
            <CheckCircleFilled /> 已上传{fileName ? `：${fileName}` : ''}{' '}
            <a href={fileUrl(value)} target="_blank" rel="noreferrer">
              查看
            </a>
          </Typography.Text>
        )}
        {error && <Typography.Text type="danger">{error}</Typography.Text>}
        {!value && !error && (
          <Typography.Text type="secondary">支持 PDF、JPG、PNG，不超过 {MAX_MB}MB</Typography.Text>
        )}
      </div>
    </div>
  );
}
