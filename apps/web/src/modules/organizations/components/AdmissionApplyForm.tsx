import { useState } from 'react';
import { Button, Checkbox, Form, Input, Select } from 'antd';
import type { Admission } from '@hirehall/shared/organizations';
import { useQuery } from '@tanstack/react-query';
import { useFormErrors } from '../../../lib/useFormErrors.ts';
import {
  applyForAdmissions,
  fetchGraduationYears,
  fetchSchools,
  organizationKeys,
} from '../api/organizations.api.ts';

interface Values {
  schoolIds: string[];
  graduationYears: number[];
  note?: string;
}

/** 申请招聘业务: one or more schools × one or more graduation years. */
export function AdmissionApplyForm({
  existing = [],
  submitText = '完成申请',
  onApplied,
  extraButtons,
}: {
  existing?: Admission[];
  submitText?: string;
  onApplied: (admissions: Admission[]) => void;
  extraButtons?: React.ReactNode;
}) {
  const [form] = Form.useForm<Values>();
  const [submitting, setSubmitting] = useState(false);
  const showError = useFormErrors(form);
  const schools = useQuery({ queryKey: organizationKeys.schools, queryFn: fetchSchools });
  const years = useQuery({ queryKey: organizationKeys.years, queryFn: fetchGraduationYears });
  // a rejected pair may be applied for again (it returns to pending)
  const taken = new Set(
    existing.filter((a) => a.status !== 'rejected').map((a) => `${a.schoolId}:${a.graduationYear}`),
  );

  const onFinish = async (values: Values) => {
    const applications = values.schoolIds.flatMap((schoolId) =>
      values.graduationYears
        .filter((graduationYear) => !taken.has(`${schoolId}:${graduationYear}`))
        .map((graduationYear) => ({
          schoolId,
          graduationYear,
          ...(values.note?.trim() ? { note: values.note.trim() } : {}),
        })),
    );
    if (applications.length === 0) {
      form.setFields([{ name: 'schoolIds', errors: ['所选学校和年份都已申请过'] }]);
      return;
    }
    setSubmitting(true);
    try {
      onApplied(await applyForAdmissions(applications));
      form.resetFields();
    } catch (error) {
      showError(error);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Form form={form} layout="vertical" onFinish={(values) => void onFinish(values)}>
      <Form.Item
        name="schoolIds"
        label="申请入驻的学校"
        extra="可选择多所学校，每所学校的就业指导中心将分别审核"
        rules={[{ required: true, message: '请至少选择一所学校' }]}
      >
        <Select
          mode="multiple"
          placeholder={schools.isError ? '学校列表加载失败，请刷新重试' : '请选择学校'}
          loading={schools.isPending}
          showSearch={{ optionFilterProp: 'label' }}
          options={(schools.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
          notFoundContent={schools.isPending ? '加载中…' : '暂无可申请的学校'}
        />
      </Form.Item>
      <Form.Item
        name="graduationYears"
        label="招聘毕业年份"
        rules={[{ required: true, message: '请至少选择一个毕业年份' }]}
      >
        <Checkbox.Group
          options={(years.data ?? []).map((year) => ({ value: year, label: `${year}届` }))}
        />
      </Form.Item>
      <Form.Item name="note" label="申请说明（选填）">
        <Input.TextArea rows={3} maxLength={500} showCount placeholder="如招聘计划、联系人说明等" />
      </Form.Item>
      <div style={{ display: 'flex', gap: 8, justifyContent: 'flex-end', flexWrap: 'wrap' }}>
        {extraButtons}
        <Button type="primary" htmlType="submit" loading={submitting}>
          {submitText}
        </Button>
      </div>
    </Form>
  );
}
