import { useState } from 'react';
import { Button, DatePicker, Form, Input, InputNumber, Modal, Radio } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import {
  interviewModeLabels,
  interviewModes,
  type Interview,
  type InterviewMode,
} from '@hirehall/shared/interviews';
import { api, describeError } from '../../../lib/api.ts';
import { interviewAction } from '../api/interviews.api.ts';
import { useFeedback } from '../../../app/AppFeedback.tsx';

interface Values {
  startsAt: Dayjs;
  durationMinutes: number;
  mode: InterviewMode;
  place?: string;
  contactName: string;
  contactPhone: string;
  notes?: string;
  reason?: string;
}

interface Props {
  open: boolean;
  onClose(): void;
  onDone(interview: Interview): void;
  /** a new invitation on this application … */
  applicationId?: string;
  /** … or a reschedule of this interview */
  interview?: Interview;
}

/** 面试邀约 / 改期: date and time, mode, place, contact person, phone, notes. */
export function InterviewFormModal({ open, onClose, onDone, applicationId, interview }: Props) {
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const { message } = useFeedback();
  const mode = Form.useWatch('mode', form);

  const submit = async (v: Values) => {
    setSaving(true);
    try {
      const body = {
        startsAt: v.startsAt.toISOString(),
        durationMinutes: v.durationMinutes,
        mode: v.mode,
        place: v.place ?? '',
        contactName: v.contactName,
        contactPhone: v.contactPhone,
        notes: v.notes ?? '',
      };
      const result = interview
        ? await interviewAction(interview.id, 'reschedule', { ...body, reason: v.reason ?? '' })
        : await api<Interview>('/api/interviews', {
            method: 'POST',
            body: { ...body, applicationId },
          });
      message.success(interview ? '已改期，已通知求职者' : '面试邀约已发送');
      onDone(result);
      onClose();
    } catch (e) {
      message.error(describeError(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={interview ? '面试改期' : '面试邀约'}
      onCancel={onClose}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={onClose}>
          取消
        </Button>,
        <Button key="send" type="primary" loading={saving} onClick={() => form.submit()}>
          发送
        </Button>,
      ]}
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => void submit(v)}
        initialValues={{
          startsAt: interview
            ? dayjs(interview.startsAt)
            : dayjs().add(1, 'day').hour(10).minute(0),
          durationMinutes: interview?.durationMinutes ?? 30,
          mode: interview?.mode ?? 'video',
          place: interview?.place ?? '',
          contactName: interview?.contactName ?? '',
          contactPhone: interview?.contactPhone ?? '',
          notes: interview?.notes ?? '',
        }}
      >
        <Form.Item
          name="startsAt"
          label="面试日期和时间"
          rules={[{ required: true, message: '请选择面试时间' }]}
        >
          <DatePicker
            showTime={{ format: 'HH:mm', minuteStep: 5 }}
            format="YYYY-MM-DD HH:mm"
            style={{ width: '100%' }}
            aria-label="面试日期和时间"
            disabledDate={(d) => d.isBefore(dayjs().startOf('day'))}
          />
        </Form.Item>
        <Form.Item name="durationMinutes" label="预计时长（分钟）">
          <InputNumber min={5} max={480} step={5} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="mode" label="面试方式">
          <Radio.Group>
            {interviewModes.map((m) => (
              <Radio.Button key={m} value={m}>
                {interviewModeLabels[m]}
              </Radio.Button>
            ))}
          </Radio.Group>
        </Form.Item>
        <Form.Item
          name="place"
          label="面试地点"
          rules={[{ required: mode === 'onsite', message: '现场面试请填写地点' }]}
        >
          <Input
            placeholder={mode === 'video' ? '视频面试在面试大厅进行，可不填' : '详细地址'}
            maxLength={200}
          />
        </Form.Item>
        <Form.Item
          name="contactName"
          label="单位联系人"
          rules={[{ required: true, message: '请填写联系人' }]}
        >
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item
          name="contactPhone"
          label="电话"
          rules={[
            { required: true, message: '请填写联系电话' },
            { pattern: /^[0-9+\-() ]{5,20}$/, message: '请输入有效的联系电话' },
          ]}
        >
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item name="notes" label="备注">
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
        {interview && (
          <Form.Item name="reason" label="改期原因">
            <Input maxLength={200} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

/** The 面试邀约 button of the negotiation hall and the application pages. */
export function InviteButton({
  applicationId,
  onInvited,
  size = 'small',
}: {
  applicationId: string;
  onInvited?(interview: Interview): void;
  size?: 'small' | 'middle';
}) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        size={size}
        type="primary"
        ghost
        data-testid="interview-invite"
        onClick={() => setOpen(true)}
      >
        面试邀约
      </Button>
      <InterviewFormModal
        open={open}
        applicationId={applicationId}
        onClose={() => setOpen(false)}
        onDone={(i) => onInvited?.(i)}
      />
    </>
  );
}
