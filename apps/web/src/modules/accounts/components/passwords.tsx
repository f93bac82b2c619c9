import { Alert, Form, Input } from 'antd';
import type { Rule } from 'antd/es/form';
import { checkPin, checkStandardPassword } from '@hirehall/shared/validators';

/** `pin`: public seekers, 6 digits; `standard`: everyone else, ≥ 8 with letters and digits. */
export type PasswordKind = 'pin' | 'standard';

export const passwordRulesText: Record<PasswordKind, string> = {
  pin: '登录密码只能是6位数字；不能是同一数字重复（如 111111）、连续数字（如 123456、654321）、重复组合（如 123123）、常见密码，也不能使用出生日期或身份证号后六位。',
  standard: '密码8至64位，须同时包含字母和数字。',
};

function ruleFor(kind: PasswordKind, idNumberField?: string): Rule {
  return ({ getFieldValue }) => ({
    validator: async (_rule, value: string | undefined) => {
      if (!value) return;
      const idNumber = idNumberField ? (getFieldValue(idNumberField) as string | undefined) : null;
      const result = kind === 'pin' ? checkPin(value, { idNumber }) : checkStandardPassword(value);
      if (!result.ok) throw new TypeError(result.reason);
    },
  });
}

/** New password + repeat, with the rules explained above them. */
export function NewPasswordFields({
  kind,
  name = 'password',
  label = '设置密码',
  idNumberField,
}: {
  kind: PasswordKind;
  name?: string;
  label?: string;
  /** for PINs: the field holding the ID number, so birth dates and its tail are refused */
  idNumberField?: string;
}) {
  const isPin = kind === 'pin';
  return (
    <>
      <Alert type="info" showIcon title={passwordRulesText[kind]} style={{ marginBottom: 16 }} />
      <Form.Item
        name={name}
        label={label}
        dependencies={idNumberField ? [idNumberField] : undefined}
        rules={[{ required: true, message: `请输入${label}` }, ruleFor(kind, idNumberField)]}
        hasFeedback
      >
        <Input.Password
          maxLength={isPin ? 6 : 64}
          inputMode={isPin ? 'numeric' : undefined}
          autoComplete="new-password"
          placeholder={isPin ? '6位数字' : '至少8位，含字母和数字'}
        />
      </Form.Item>
      <Form.Item
        name={`${name}Repeat`}
        label="重复密码"
        dependencies={[name]}
        hasFeedback
        rules={[
          { required: true, message: '请再次输入密码' },
          ({ getFieldValue }) => ({
            validator: async (_rule, value: string | undefined) => {
              if (value && value !== getFieldValue(name))
                throw new TypeError('两次输入的密码不一致');
            },
          }),
        ]}
      >
        <Input.Password
          maxLength={isPin ? 6 : 64}
          inputMode={isPin ? 'numeric' : undefined}
          autoComplete="new-password"
          placeholder="再次输入密码"
        />
      </Form.Item>
    </>
  );
}
