import { Button, Checkbox, Form, Input, InputNumber, Space, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import {
  agreementClauses,
  clauseKeys,
  type AgreementTerms,
  type ClauseKey,
} from '@hirehall/shared/agreements';
import { describeError } from '../../../lib/api.ts';
import { editOffer, saveOffer } from '../api/agreements.api.ts';
import type { Agreement } from '@hirehall/shared/agreements';
import { useFeedback } from '../../../app/AppFeedback.tsx';

type Values = AgreementTerms & { confirmed: Record<ClauseKey, boolean> };

/** Terms with a 确认 box per clause (seed 002 §4.2); changing a clause clears its box. */
export function OfferForm({
  graduateId,
  agreement,
  employerName,
  onSaved,
}: {
  graduateId?: string;
  agreement?: Agreement;
  employerName: string;
  onSaved: (a: Agreement) => void;
}) {
  const [form] = Form.useForm<Values>();
  const { message } = useFeedback();
  const save = useMutation({
    mutationFn: (v: Values) => {
      const { confirmed, ...terms } = v;
      const confirmedClauses = clauseKeys.filter((k) => confirmed?.[k]);
      return agreement
        ? editOffer(agreement.id, { terms, confirmedClauses })
        : saveOffer({ graduateId: graduateId!, terms, confirmedClauses });
    },
    onSuccess: (a) => {
      message.success('已保存');
      onSaved(a);
    },
    onError: (e) => message.error(describeError(e)),
  });
  const initial = agreement
    ? {
        ...agreement.terms,
        confirmed: Object.fromEntries(agreement.confirmedClauses.map((k) => [k, true])),
      }
    : { otherClauses: '无' };
  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={initial}
      onValuesChange={(changed: Partial<Values>) => {
        for (const key of Object.keys(changed)) {
          if (key !== 'confirmed') form.setFieldValue(['confirmed', key as ClauseKey], false);
        }
      }}
      onFinish={(v) => save.mutate(v)}
    >
      <Typography.Paragraph type="secondary">
        甲方（用人单位）：{employerName}（单位信息取自公司资料，不可在此修改）
      </Typography.Paragraph>
      {agreementClauses.map((c) => (
        <Form.Item key={c.key} label={c.label} required={c.key !== 'otherClauses'}>
          <Space.Compact style={{ width: '100%' }} direction="vertical">
            <Form.Item
              name={c.key}
              noStyle
              rules={[{ required: c.key !== 'otherClauses', message: `请填写${c.label}` }]}
            >
              {c.key === 'monthlySalary' ? (
                <InputNumber min={1} style={{ width: '100%' }} aria-label={c.label} />
              ) : c.key === 'benefits' ||
                c.key === 'breachLiability' ||
                c.key === 'otherClauses' ? (
                <Input.TextArea rows={2} aria-label={c.label} />
              ) : (
                <Input aria-label={c.label} />
              )}
            </Form.Item>
            <Form.Item name={['confirmed', c.key]} valuePropName="checked" noStyle>
              <Checkbox>确认本条款</Checkbox>
            </Form.Item>
          </Space.Compact>
        </Form.Item>
      ))}
      <Button type="primary" htmlType="submit" loading={save.isPending}>
        保存
      </Button>
    </Form>
  );
}
