import { useState } from 'react';
import { Alert, Button, Form, Input, Radio, Result } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { isValidIdNumber, isValidPermitNumber } from '@hirehall/shared/validators';
import { OnceSecret } from '../../../components/form-helpers.tsx';
import { rememberPortal, useAuth } from '../../../app/session.ts';
import { useFormErrors } from '../../../lib/useFormErrors.ts';
import {
  fetchIdentityProvider,
  registerSeeker,
  type VerificationMethod,
} from '../api/accounts.api.ts';
import { AuthCard } from '../components/AuthCard.tsx';
import { NewPasswordFields } from '../components/passwords.tsx';
import { SmsCodeField } from '../components/SmsCodeField.tsx';

interface Values {
  name: string;
  documentKind: 'id_card' | 'permit';
  idNumber?: string;
  permitNumber?: string;
  phone: string;
  smsCode: string;
  method: VerificationMethod;
  bankCardNumber?: string;
  alipayAccount?: string;
  faceToken?: string;
  password: string;
}

function IdentityProviderNotice() {
  const provider = useQuery({
    queryKey: ['auth', 'identity-provider'],
    queryFn: fetchIdentityProvider,
    staleTime: Infinity,
  });
  if (!provider.data?.isDevelopment) return null;
  return (
    <Alert
      type="warning"
      showIcon
      title="开发环境提示"
      description={provider.data.hint}
      style={{ marginBottom: 16 }}
    />
  );
}

export default function SeekerRegisterPage() {
  const [form] = Form.useForm<Values>();
  const [submitting, setSubmitting] = useState(false);
  const [generated, setGenerated] = useState<string | null>(null);
  const { setAccount } = useAuth();
  const navigate = useNavigate();
  const showError = useFormErrors(form, {
    SMS_CODE_INVALID: 'smsCode',
    WEAK_PASSWORD: 'password',
    ID_NUMBER_INVALID: 'idNumber',
    PHONE_IN_USE: 'phone',
  });
  const documentKind = Form.useWatch('documentKind', form) ?? 'id_card';
  const method = Form.useWatch('method', form) ?? 'bank_card';

  const onFinish = async (values: Values) => {
    setSubmitting(true);
    try {
      const result = await registerSeeker({
        name: values.name.trim(),
        documentKind: values.documentKind,
        ...(values.documentKind === 'id_card'
          ? { idNumber: values.idNumber?.trim().toUpperCase() }
          : values.permitNumber?.trim()
            ? { permitNumber: values.permitNumber.trim().toUpperCase() }
            : {}),
        phone: values.phone.trim(),
        smsCode: values.smsCode.trim(),
        verification: {
          method: values.method,
          ...(values.method === 'bank_card'
            ? { bankCardNumber: values.bankCardNumber?.trim() }
            : {}),
          ...(values.method === 'alipay' ? { alipayAccount: values.alipayAccount?.trim() } : {}),
          ...(values.method === 'face' ? { faceToken: values.faceToken?.trim() } : {}),
        },
        password: values.password,
      });
      rememberPortal('seeker');
      setAccount(result.account);
      if (result.generatedAccount) setGenerated(result.generatedAccount);
      else navigate('/seeker', { replace: true });
    } catch (error) {
      showError(error);
    } finally {
      setSubmitting(false);
    }
  };

  if (generated) {
    return (
      <div className="hh-auth-card">
        <Result
          status="success"
          title="注册成功"
          subTitle="系统为您生成了登录账号，下次请使用此账号和密码登录。"
          extra={[
            <OnceSecret key="account" label="您的登录账号" value={generated} />,
            <Button
              key="go"
              type="primary"
              style={{ marginTop: 16 }}
              onClick={() => navigate('/seeker', { replace: true })}
            >
              我已记下，进入首页
            </Button>,
          ]}
        />
      </div>
    );
  }

  return (
    <AuthCard title="实名注册" subtitle="个人求职者注册，需完成实名认证。" wide>
      <IdentityProviderNotice />
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ documentKind: 'id_card', method: 'bank_card' }}
        onFinish={(values) => void onFinish(values)}
        scrollToFirstError
      >
        <Form.Item
          name="name"
          label="姓名"
          rules={[
            { required: true, whitespace: true, message: '请输入真实姓名' },
            { min: 2, max: 40, message: '姓名为2至40个字' },
          ]}
        >
          <Input autoComplete="name" placeholder="与证件一致的姓名" maxLength={40} />
        </Form.Item>
        <Form.Item name="documentKind" label="证件类型">
          <Radio.Group
            options={[
              { value: 'id_card', label: '居民身份证' },
              { value: 'permit', label: '港澳台通行证或居住证' },
            ]}
          />
        </Form.Item>
        {documentKind === 'id_card' ? (
          <Form.Item
            name="idNumber"
            label="身份证号"
            rules={[
              { required: true, whitespace: true, message: '请输入身份证号' },
              {
                validator: async (_rule, value: string | undefined) => {
                  if (value && !isValidIdNumber(value))
                    throw new TypeError('身份证号码格式或校验位不正确');
                },
              },
            ]}
          >
            <Input placeholder="18位身份证号码" maxLength={18} autoComplete="off" />
          </Form.Item>
        ) : (
          <>
            <Alert
              type="info"
              showIcon
              title="持港澳台通行证或居住证人员：可填写证件号码作为登录账号；不填写时系统将自动生成登录账号。"
              style={{ marginBottom: 16 }}
            />
            <Form.Item
              name="permitNumber"
              label="通行证或居住证号码"
              rules={[
                {
                  validator: async (_rule, value: string | undefined) => {
                    if (value && !isValidPermitNumber(value))
                      throw new TypeError('通行证或居住证号码格式不正确');
                  },
                },
              ]}
            >
              <Input placeholder="选填，如 H12345678" maxLength={18} autoComplete="off" />
            </Form.Item>
          </>
        )}
        <Form.Item
          name="phone"
          label="手机号"
          rules={[
            { required: true, message: '请输入手机号' },
            { pattern: /^1[3-9]\d{9}$/, message: '请输入正确的11位手机号码' },
          ]}
        >
          <Input inputMode="tel" autoComplete="tel" placeholder="11位手机号" maxLength={11} />
        </Form.Item>
        <SmsCodeField form={form} purpose="register" />
        <Form.Item name="method" label="实名认证方式">
          <Radio.Group
            options={[
              { value: 'bank_card', label: '银行卡' },
              { value: 'alipay', label: '支付宝' },
              { value: 'face', label: '人脸识别' },
            ]}
          />
        </Form.Item>
        {method === 'bank_card' && (
          <Form.Item
            name="bankCardNumber"
            label="银行卡号"
            extra="请填写本人名下的银行卡"
            rules={[
              { required: true, message: '请输入银行卡号' },
              { pattern: /^\d{12,19}$/, message: '银行卡号为12至19位数字' },
            ]}
          >
            <Input
              inputMode="numeric"
              placeholder="本人银行卡号"
              maxLength={19}
              autoComplete="off"
            />
          </Form.Item>
        )}
        {method === 'alipay' && (
          <Form.Item
            name="alipayAccount"
            label="支付宝账号"
            extra="请填写已实名认证的本人支付宝账号（手机号或邮箱）"
            rules={[{ required: true, whitespace: true, message: '请输入支付宝账号' }]}
          >
            <Input placeholder="手机号或邮箱" maxLength={100} autoComplete="off" />
          </Form.Item>
        )}
        {method === 'face' && (
          <Form.Item
            name="faceToken"
            label="人脸识别凭证"
            extra="完成人脸识别后由认证服务返回；开发环境请按上方提示填写"
            rules={[{ required: true, whitespace: true, message: '请完成人脸识别' }]}
          >
            <Input placeholder="人脸识别凭证" maxLength={200} autoComplete="off" />
          </Form.Item>
        )}
        <NewPasswordFields kind="pin" label="登录密码" idNumberField="idNumber" />
        <Alert
          type="info"
          title="此密码是本平台的登录密码，与银行卡、支付宝密码无关。下次登录时，使用证件号码和此密码即可。"
          style={{ marginBottom: 16 }}
        />
        <Button type="primary" htmlType="submit" block size="large" loading={submitting}>
          注册
        </Button>
      </Form>
      <div style={{ marginTop: 16, textAlign: 'center' }}>
        已有账号？<Link to="/login/seeker">去登录</Link>
      </div>
    </AuthCard>
  );
}
