import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Form, Input, List, Modal, Select, Tag } from 'antd';
import {
  labelOfOption,
  politicalStatuses,
  resumeEducationLevels,
  type ConfirmFactsInput,
  type StaffSeeker,
} from '@hirehall/shared/resumes';
import { QueryView } from '../../../components/feedback.tsx';
import { describeError } from '../../../lib/api.ts';
import { useCorrectFacts, useStaffSeekers } from '../api/resumes.api.ts';
import { useFeedback } from '../../../app/AppFeedback.tsx';

type CorrectionForm = ConfirmFactsInput & { reason: string };

/**
 * 个人信息更正: school and college staff find one of their graduates and correct the
 * education level and political status the graduate confirmed (locked for the graduate);
 * the reason is required and every correction is audited.
 */
export default function StaffFactsPage() {
  const [q, setQ] = useState('');
  const [editing, setEditing] = useState<StaffSeeker | null>(null);
  const seekers = useStaffSeekers(q);
  return (
    <Card title="个人信息更正">
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        message="查找本校已激活账号的毕业生。学生确认后的学历、政治面貌本人无法修改；核实后可在此更正，须填写原因，更正记录留存审计。"
      />
      <Input.Search
        aria-label="姓名或学号"
        placeholder="姓名或学号"
        enterButton="查找"
        allowClear
        maxLength={50}
        onSearch={(v) => setQ(v.trim())}
        style={{ marginBottom: 12 }}
      />
      {q && (
        <QueryView query={seekers} isEmpty={(d) => d.length === 0}>
          {(items) => (
            <List
              dataSource={items}
              renderItem={(s) => (
                <List.Item
                  actions={[
                    <Button key="edit" type="link" onClick={() => setEditing(s)}>
                      更正
                    </Button>,
                  ]}
                >
                  <List.Item.Meta
                    title={`${s.name}（${s.studentNumber}）`}
                    description={
                      <>
                        {s.graduationYear}届 {s.major ?? ''}{' '}
                        {s.facts.confirmedAt ? <Tag color="green">已确认</Tag> : <Tag>未确认</Tag>}
                        学历：{labelOfOption(resumeEducationLevels, s.facts.educationLevel)}
                        ；政治面貌：
                        {labelOfOption(politicalStatuses, s.facts.politicalStatus)}
                      </>
                    }
                  />
                </List.Item>
              )}
            />
          )}
        </QueryView>
      )}
      {editing && <CorrectModal seeker={editing} onClose={() => setEditing(null)} />}
    </Card>
  );
}

function CorrectModal({ seeker, onClose }: { seeker: StaffSeeker; onClose: () => void }) {
  const [form] = Form.useForm<CorrectionForm>();
  const correct = useCorrectFacts();
  const { message } = useFeedback();
  const submit = async (values: CorrectionForm) => {
    try {
      await correct.mutateAsync({ accountId: seeker.accountId, ...values });
      message.success('已更正');
      onClose();
    } catch (err) {
      message.error(describeError(err));
    }
  };
  return (
    <Modal
      open
      title={`更正 ${seeker.name} 的个人信息`}
      okText="保存更正"
      confirmLoading={correct.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Descriptions size="small" column={1} style={{ marginBottom: 12 }}>
        <Descriptions.Item label="当前学历">
          {labelOfOption(resumeEducationLevels, seeker.facts.educationLevel)}
        </Descriptions.Item>
        <Descriptions.Item label="当前政治面貌">
          {labelOfOption(politicalStatuses, seeker.facts.politicalStatus)}
        </Descriptions.Item>
      </Descriptions>
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          educationLevel: seeker.facts.educationLevel ?? undefined,
          politicalStatus: seeker.facts.politicalStatus ?? undefined,
        }}
      >
        <Form.Item
          name="educationLevel"
          label="学历"
          rules={[{ required: true, message: '请选择学历' }]}
        >
          <Select options={resumeEducationLevels.map((o) => ({ ...o }))} placeholder="请选择" />
        </Form.Item>
        <Form.Item
          name="politicalStatus"
          label="政治面貌"
          rules={[{ required: true, message: '请选择政治面貌' }]}
        >
          <Select options={politicalStatuses.map((o) => ({ ...o }))} placeholder="请选择" />
        </Form.Item>
        <Form.Item
          name="reason"
          label="更正原因"
          rules={[{ required: true, min: 2, message: '请填写更正原因（至少 2 个字）' }]}
        >
          <Input.TextArea maxLength={200} showCount rows={3} placeholder="如：已核验学历证书" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
