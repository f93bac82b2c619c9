import { useState } from 'react';
import { Alert, Button, Card, Col, Form, Input, Radio, Result, Row, Steps, Table, Tag } from 'antd';
import type { Admission, NotificationChannel } from '@hirehall/shared/organizations';
import { Link, useNavigate } from 'react-router';
import { rememberPortal, useAuth } from '../../../app/session.ts';
import { CaptchaField, useCaptcha } from '../../../components/CaptchaField.tsx';
import { describeError } from '../../../lib/api.ts';
import { useFormErrors } from '../../../lib/useFormErrors.ts';
import { NewPasswordFields } from '../../accounts/components/passwords.tsx';
import { registerEmployer, setNotificationChannel } from '../api/organizations.api.ts';
import { AdmissionApplyForm } from '../components/AdmissionApplyForm.tsx';
import { LicenceUpload } from '../components/LicenceUpload.tsx';
import { admissionStatusLabels } from '../components/labels.ts';
import {
  CompanyCategoryColumns,
  CompanyContactColumns,
} from '../components/CompanyProfileColumns.tsx';
import { CreditCodeField } from '../components/CreditCodeField.tsx';
import { useFeedback } from '../../../app/AppFeedback.tsx';

interface BasicValues {
  name: string;
  creditCode: string;
  licenceFileId: string;
  contactName: string;
  contactPhone: string;
  contactEmail?: string;
  address?: string;
  industry?: string;
  scale?: string;
  introduction?: string;
  password: string;
  captchaAnswer: string;
}

const optional = (value: string | undefined) => (value?.trim() ? value.trim() : undefined);

function BasicInfoStep({ onDone }: { onDone: () => void }) {
  const [form] = Form.useForm<BasicValues>();
  const captcha = useCaptcha(true);
  const [submitting, setSubmitting] = useState(false);
  const { setAccount } = useAuth();
  const showError = useFormErrors(form, {
    CAPTCHA_INVALID: 'captchaAnswer',
    CAPTCHA_REQUIRED: 'captchaAnswer',
    CREDIT_CODE_INVALID: 'creditCode',
    ACCOUNT_EXISTS: 'creditCode',
    DUPLICATE: 'name',
    WEAK_PASSWORD: 'password',
  });

  const onFinish = async (values: BasicValues) => {
    setSubmitting(true);
    try {
      const result = await registerEmployer({
        name: values.name.trim(),
        creditCode: values.creditCode.trim().toUpperCase(),
        licenceFileId: values.licenceFileId,
        contactName: values.contactName.trim(),
        contactPhone: values.contactPhone.trim(),
        contactEmail: optional(values.contactEmail),
        address: optional(values.address),
        industry: values.industry,
        scale: values.scale,
        introduction: optional(values.introduction),
        password: values.password,
        captchaId: captcha.captcha?.captchaId ?? '',
        captchaAnswer: values.captchaAnswer.trim(),
      });
      rememberPortal('employer');
      setAccount(result.account);
      onDone();
    } catch (error) {
      form.setFieldValue('captchaAnswer', '');
      void captcha.refresh();
      showError(error);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Form
      form={form}
      layout="vertical"
      requiredMark="optional"
      scrollToFirstError
      onFinish={(values) => void onFinish(values)}
    >
      <Card type="inner" title="认证资料" style={{ marginBottom: 16 }}>
        <Form.Item
          name="name"
          label="单位全称"
          extra="与营业执照一致，可用于登录"
          rules={[
            { required: true, whitespace: true, message: '请填写单位全称' },
            { min: 2, max: 100, message: '单位全称为2至100个字' },
          ]}
        >
          <Input maxLength={100} placeholder="营业执照上的单位名称" />
        </Form.Item>
        <CreditCodeField
          required
          extra="18位，可用于登录"
          placeholder="如 91310000MA1FL8XQ3R"
          autoComplete="off"
        />
        <Form.Item
          name="licenceFileId"
          label="营业执照"
          rules={[{ required: true, message: '请上传营业执照' }]}
        >
          <LicenceUpload />
        </Form.Item>
      </Card>
      <Card type="inner" title="联系信息" style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          <CompanyContactColumns
            phoneRequiredMessage="请填写联系人手机号"
            phonePlaceholder="11位手机号"
            emailInputMode="email"
          />
          <Col xs={24} md={12}>
            <Form.Item name="address" label="单位地址">
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <CompanyCategoryColumns />
        </Row>
        <Form.Item name="introduction" label="单位简介">
          <Input.TextArea rows={4} maxLength={5000} showCount />
        </Form.Item>
      </Card>
      <Card type="inner" title="登录密码" style={{ marginBottom: 16 }}>
        <NewPasswordFields kind="standard" label="登录密码" />
        <CaptchaField state={captcha} />
      </Card>
      <div style={{ textAlign: 'right' }}>
        <Button type="primary" htmlType="submit" size="large" loading={submitting}>
          下一步
        </Button>
      </div>
    </Form>
  );
}

const channels: { value: NotificationChannel; label: string; help: string }[] = [
  {
    value: 'wechat',
    label: '微信',
    help: '通过微信服务号模板消息通知（需在微信中关注服务号并绑定）',
  },
  { value: 'sms', label: '短信', help: '发送到联系人手机' },
  { value: 'email', label: '电子邮件', help: '发送到联系邮箱' },
  { value: 'in_app', label: '站内消息', help: '仅在登录后的系统消息中查看' },
];

function ChannelStep({ onDone }: { onDone: () => void }) {
  const [channel, setChannel] = useState<NotificationChannel>('wechat');
  const [saving, setSaving] = useState(false);
  const { message } = useFeedback();
  const save = async () => {
    setSaving(true);
    try {
      await setNotificationChannel(channel);
      onDone();
    } catch (error) {
      message.error(describeError(error));
    } finally {
      setSaving(false);
    }
  };
  return (
    <>
      <Alert
        type="info"
        showIcon
        title="学生应约、签约审核通过等重要事项，会通过您选择的方式通知贵单位 HR。"
        style={{ marginBottom: 16 }}
      />
      <Form layout="vertical">
        <Form.Item label="通知方式">
          <Radio.Group
            value={channel}
            onChange={(event) => setChannel(event.target.value as NotificationChannel)}
            style={{ display: 'flex', flexDirection: 'column', gap: 12 }}
          >
            {channels.map((item) => (
              <Radio key={item.value} value={item.value}>
                {item.label}
                <div style={{ color: 'rgba(0,0,0,0.62)', fontSize: 13 }}>{item.help}</div>
              </Radio>
            ))}
          </Radio.Group>
        </Form.Item>
      </Form>
      <div style={{ textAlign: 'right' }}>
        <Button type="primary" size="large" loading={saving} onClick={() => void save()}>
          完成
        </Button>
      </div>
    </>
  );
}

function AdmissionTable({ admissions }: { admissions: Admission[] }) {
  return (
    <Table
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={admissions}
      scroll={{ x: 'max-content' }}
      columns={[
        { title: '学校', dataIndex: 'schoolName' },
        { title: '毕业年份', dataIndex: 'graduationYear', render: (y: number) => `${y}届` },
        {
          title: '审核状态',
          dataIndex: 'status',
          render: (status: Admission['status']) => (
            <Tag color={admissionStatusLabels[status].color}>
              {admissionStatusLabels[status].text}
            </Tag>
          ),
        },
      ]}
    />
  );
}

export default function EmployerRegisterPage() {
  const { account } = useAuth();
  const navigate = useNavigate();
  // a signed-in employer coming back continues at step two
  const [step, setStep] = useState(account?.role === 'employer' ? 1 : 0);
  const [admissions, setAdmissions] = useState<Admission[]>([]);

  const steps = [
    { title: '步骤一：填写基本资料' },
    { title: '步骤二：申请招聘业务' },
    { title: '步骤三：绑定通知方式' },
  ];

  return (
    <div className="hh-wide-card" style={{ maxWidth: 860 }}>
      <Card>
        <h2 style={{ marginTop: 0 }}>用人单位注册</h2>
        <Steps current={step} items={steps} size="small" style={{ marginBottom: 24 }} responsive />
        {step === 0 && <BasicInfoStep onDone={() => setStep(1)} />}
        {step === 1 && (
          <AdmissionApplyForm
            onApplied={(result) => {
              setAdmissions(result);
              setStep(2);
            }}
          />
        )}
        {step === 2 && <ChannelStep onDone={() => setStep(3)} />}
        {step === 3 && (
          <Result
            status="success"
            title="注册成功，请等待学校审核"
            subTitle="学校就业指导中心审核通过后，贵单位即可在该校开展招聘、网签等业务。审核结果可在单位首页查看。"
            extra={
              <Button type="primary" onClick={() => navigate('/employer', { replace: true })}>
                进入单位首页
              </Button>
            }
          >
            {admissions.length > 0 && <AdmissionTable admissions={admissions} />}
          </Result>
        )}
        {step === 0 && (
          <div style={{ marginTop: 16, textAlign: 'center' }}>
            已注册？<Link to="/login/employer">去登录</Link>
          </div>
        )}
      </Card>
    </div>
  );
}
