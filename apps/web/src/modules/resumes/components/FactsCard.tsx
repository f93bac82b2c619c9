import { Alert, Button, Card, Descriptions, Form, Modal, Select } from 'antd';
import {
  labelOfOption,
  politicalStatuses,
  resumeEducationLevels,
  type ConfirmedFacts,
  type ConfirmFactsInput,
} from '@hirehall/shared/resumes';
import { describeError } from '../../../lib/api.ts';
import { useConfirmFacts } from '../api/resumes.api.ts';
import { useFeedback } from '../../../app/AppFeedback.tsx';

/** 学历 and 政治面貌: confirmed once (seed 004 §3.2), then only staff can change them. */
export function FactsCard({ facts }: { facts: ConfirmedFacts }) {
  const [form] = Form.useForm<ConfirmFactsInput>();
  const confirm = useConfirmFacts();
  const { message } = useFeedback();
  if (facts.confirmedAt) {
    return (
      <Card title="个人信息（已确认）">
        <Descriptions size="small" column={2}>
          <Descriptions.Item label="学历">
            {labelOfOption(resumeEducationLevels, facts.educationLevel)}
          </Descriptions.Item>
          <Descriptions.Item label="政治面貌">
            {labelOfOption(politicalStatuses, facts.politicalStatus)}
          </Descriptions.Item>
        </Descriptions>
        <Alert
          type="info"
          showIcon
          message="上述信息提交成功后无法自行修改，如需修改请联系学校就业指导中心或平台工作人员。"
        />
      </Card>
    );
  }
  const submit = (values: ConfirmFactsInput) =>
    Modal.confirm({
      title: '确认提交？',
      content: `学历：${labelOfOption(resumeEducationLevels, values.educationLevel)}；政治面貌：${labelOfOption(politicalStatuses, values.politicalStatus)}。提交后无法自行修改。`,
      onOk: async () => {
        try {
          await confirm.mutateAsync(values);
          message.success('个人信息已确认');
        } catch (err) {
          message.error(describeError(err));
        }
      },
    });
  return (
    <Card title="请完善个人信息，并确认正确后提交">
      <Form form={form} layout="inline" onFinish={submit}>
        <Form.Item name="educationLevel" label="学历" rules={[{ required: true }]}>
          <Select
            style={{ width: 180 }}
            options={resumeEducationLevels.map((o) => ({ ...o }))}
            placeholder="请选择"
          />
        </Form.Item>
        <Form.Item name="politicalStatus" label="政治面貌" rules={[{ required: true }]}>
          <Select
            style={{ width: 160 }}
            options={politicalStatuses.map((o) => ({ ...o }))}
            placeholder="请选择"
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={confirm.isPending}>
          提交
        </Button>
      </Form>
    </Card>
  );
}
