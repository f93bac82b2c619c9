import { Modal, Radio, Space, Typography } from 'antd';

/** 投递简历's dialog: an optional attachment resume, the places left, the consent to share. */
export default function ApplyDialog({
  open,
  onOk,
  onCancel,
  confirmLoading,
  attachmentId,
  onAttachmentChange,
  attachments,
  quota,
}: {
  open: boolean;
  onOk: () => void;
  onCancel: () => void;
  confirmLoading: boolean;
  attachmentId: string;
  onAttachmentChange: (id: string) => void;
  attachments: { id: string; fileName: string }[];
  quota?: { remaining: number; limit: number };
}) {
  return (
    <Modal
      title="投递简历"
      open={open}
      okText="确认投递"
      onOk={onOk}
      confirmLoading={confirmLoading}
      onCancel={onCancel}
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text>将发送您的在线简历，可另附一份附件简历：</Typography.Text>
        <Radio.Group
          value={attachmentId}
          onChange={(e) => onAttachmentChange(e.target.value as string)}
        >
          <Space direction="vertical">
            <Radio value="">不附附件</Radio>
            {attachments.map((a) => (
              <Radio key={a.id} value={a.id}>
                {a.fileName}
              </Radio>
            ))}
          </Space>
        </Radio.Group>
        {quota && (
          <Typography.Text type="secondary">
            当前还剩余 {quota.remaining} 个应聘名额（最多 {quota.limit} 个）。
          </Typography.Text>
        )}
        <Typography.Text type="secondary">
          确认投递即表示您同意向该单位提供您的简历；单位查看或下载简历时，您可在“我的简历”中看到记录。
        </Typography.Text>
      </Space>
    </Modal>
  );
}
