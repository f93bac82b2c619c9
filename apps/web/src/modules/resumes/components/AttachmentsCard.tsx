import { Button, Card, List, Popconfirm, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { MAX_RESUME_ATTACHMENTS } from '@hirehall/shared/resumes';
import { QueryView } from '../../../components/feedback.tsx';
import { describeError } from '../../../lib/api.ts';
import {
  ownAttachmentUrl,
  useAttachments,
  useDeleteAttachment,
  useUploadAttachment,
} from '../api/resumes.api.ts';
import { useFeedback } from '../../../app/AppFeedback.tsx';

const kb = (n: number) =>
  n > 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`;

/** 附件简历: PDF, DOC, DOCX, JPG, PNG; images are re-encoded on the server. */
export function AttachmentsCard() {
  const query = useAttachments();
  const upload = useUploadAttachment();
  const remove = useDeleteAttachment();
  const { message } = useFeedback();
  return (
    <Card
      title="附件简历"
      extra={
        <Upload
          showUploadList={false}
          accept=".pdf,.doc,.docx,.jpg,.jpeg,.png"
          customRequest={async ({ file }) => {
            try {
              await upload.mutateAsync(file as File);
              message.success('上传成功');
            } catch (err) {
              message.error(describeError(err));
            }
          }}
        >
          <Button icon={<UploadOutlined />} loading={upload.isPending}>
            上传附件简历
          </Button>
        </Upload>
      }
    >
      <Typography.Paragraph type="secondary">
        支持 PDF、DOC、DOCX、JPG、PNG，最多 {MAX_RESUME_ATTACHMENTS}{' '}
        份；图片会去除拍摄位置等元数据。只有您投递过的单位能下载。
      </Typography.Paragraph>
      <QueryView query={query} isEmpty={(d) => d.length === 0}>
        {(items) => (
          <List
            dataSource={items}
            renderItem={(a) => (
              <List.Item
                actions={[
                  <a key="d" href={ownAttachmentUrl(a.id)}>
                    下载
                  </a>,
                  <Popconfirm key="x" title="删除这份附件？" onConfirm={() => remove.mutate(a.id)}>
                    <a>删除</a>
                  </Popconfirm>,
                ]}
              >
                <List.Item.Meta
                  title={a.fileName}
                  description={`${kb(a.sizeBytes)} · ${new Date(a.createdAt).toLocaleString('zh-CN')}`}
                />
              </List.Item>
            )}
          />
        )}
      </QueryView>
    </Card>
  );
}
