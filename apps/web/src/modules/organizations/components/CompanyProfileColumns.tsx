import { Col, Form, Input, Select } from 'antd';
import type { Rule } from 'antd/es/form';
import { industryOptions, scaleOptions } from './labels.ts';

const contactNameRules: Rule[] = [{ required: true, whitespace: true, message: '请填写联系人' }];
const contactEmailRules: Rule[] = [{ type: 'email', message: '邮箱格式不正确' }];
const contactPhoneRules = (requiredMessage: string): Rule[] => [
  { required: true, message: requiredMessage },
  { pattern: /^1[3-9]\d{9}$/, message: '请输入正确的11位手机号码' },
];

/**
 * An employer's contact person, phone and e-mail, as half-width columns of a `<Row>`;
 * shared by the registration form and the company profile page.
 */
export function CompanyContactColumns({
  phoneRequiredMessage,
  phonePlaceholder,
  emailInputMode,
}: {
  phoneRequiredMessage: string;
  phonePlaceholder?: string;
  emailInputMode?: 'email';
}) {
  return (
    <>
      <Col xs={24} md={12}>
        <Form.Item name="contactName" label="联系人" rules={contactNameRules}>
          <Input maxLength={50} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item
          name="contactPhone"
          label="联系电话"
          rules={contactPhoneRules(phoneRequiredMessage)}
        >
          <Input inputMode="tel" maxLength={11} placeholder={phonePlaceholder} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="contactEmail" label="联系邮箱" rules={contactEmailRules}>
          <Input maxLength={100} inputMode={emailInputMode} />
        </Form.Item>
      </Col>
    </>
  );
}

/** An employer's industry and size pickers, as half-width columns of a `<Row>`. */
export function CompanyCategoryColumns() {
  return (
    <>
      <Col xs={24} md={12}>
        <Form.Item name="industry" label="所属行业">
          <Select allowClear options={industryOptions} placeholder="请选择" />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="scale" label="单位规模">
          <Select allowClear options={scaleOptions} placeholder="请选择" />
        </Form.Item>
      </Col>
    </>
  );
}
