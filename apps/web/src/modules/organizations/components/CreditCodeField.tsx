import type { ReactNode } from 'react';
import { Form, Input } from 'antd';
import type { Rule } from 'antd/es/form';
import { isValidCreditCode } from '@hirehall/shared/validators';

const checkDigitRule: Rule = {
  validator: async (_rule, value: string | undefined) => {
    if (value && !isValidCreditCode(value))
      throw new TypeError('统一社会信用代码格式或校验位不正确');
  },
};

/** 统一社会信用代码 form field: typed upper-case without spaces, check digit verified. */
export function CreditCodeField({
  required,
  label = '统一社会信用代码',
  extra,
  placeholder,
  autoComplete,
}: {
  required: boolean;
  label?: string;
  extra?: ReactNode;
  placeholder?: string;
  autoComplete?: string;
}) {
  return (
    <Form.Item
      name="creditCode"
      label={label}
      extra={extra}
      normalize={(value: string) => value.toUpperCase().replace(/\s/g, '')}
      rules={
        required
          ? [{ required: true, message: '请填写统一社会信用代码' }, checkDigitRule]
          : [checkDigitRule]
      }
    >
      <Input maxLength={18} placeholder={placeholder} autoComplete={autoComplete} />
    </Form.Item>
  );
}
