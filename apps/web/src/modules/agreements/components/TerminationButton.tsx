import { useState } from 'react';
import { Button, Form, Input, Modal, Upload } from 'antd';
import type { Agreement } from '@hirehall/shared/agreements';
import { describeError } from '../../../lib/api.ts';
import { requestTermination, uploadLetter } from '../api/agreements.api.ts';
import { newActionKey } from '../actions.ts';
import { useFeedback } from '../../../app/AppFeedback.tsx';

/** 申请解约: upload the letter (PDF/JPG/PNG) and give a reason (seed 002 §5). */
export function TerminationButton({ a, onDone }: { a: Agreement; onDone: () => void }) {
  const [open, setOpen] = useState(false);
  /** one key per opening of the dialog: a retried 提交 is the same request */
  const [key, setKey] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const { message } = useFeedback();
  const submit = async () => {
    const { reason } = await form.validateFields();
    if (!file) {
      message.error('请上传解约函');
      return;
    }
    setBusy(true);
    try {
      const { fileId } = await uploadLetter(file);
      await requestTermination(a.id, reason, fileId, key);
      message.success('解约申请已提交');
      setOpen(false);
      onDone();
    } catch (e) {
      message.error(describeError(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button
        danger
        onClick={() => {
          setKey(newActionKey());
          setOpen(true);
        }}
      >
        申请解约
      </Button>
      <Modal
        open={open}
        title="申请解约"
        okText="提交"
        onOk={() => void submit().catch(() => {})}
        okButtonProps={{ loading: busy }}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Form.Item label="解约函（PDF/JPG/PNG）" required>
            <Upload
              accept=".pdf,.jpg,.jpeg,.png"
              maxCount={1}
              beforeUpload={(f) => {
                setFile(f);
                return false;
              }}
              onRemove={() => setFile(null)}
            >
              <Button>选择文件</Button>
            </Upload>
          </Form.Item>
          <Form.Item
            name="reason"
            label="申请说明"
            rules={[{ required: true, message: '请填写申请说明' }]}
          >
            <Input.TextArea rows={3} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
