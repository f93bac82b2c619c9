import { useState } from 'react';
import { Alert, Button, Form, Input } from 'antd';
import { Link } from 'react-router';
import { useFormErrors } from '../../../lib/useFormErrors.ts';
import { SchoolSelect } from '../../organizations/components/SchoolSelect.tsx';
import { activateGraduate, sendActivationCode } from '../api/accounts.api.ts';
import { AuthCard } from '../components/AuthCard.tsx';
import { NewPasswordFields } from '../components/passwords.tsx';
import { SmsCodeField } from '../components/SmsCodeField.tsx';
import { useFinishSignIn } from '../components/useSignInFlow.ts';

interface Values {
  schoolId: string;
  studentNumber: string;
  idLast6: string;
  smsCode: string;
  password: string;
}

export default function GraduateActivatePage() {
  const [form] = Form.useForm<Values>();
  const [maskedPhone, setMaskedPhone] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const finish = useFinishSignIn('graduate');
  const showError = useFormErrors(form, {
    SMS_CODE_INVALID: 'smsCode',
    WEAK_PASSWORD: 'password',
  });

  const identity = async () => {
    const values = await form.validateFields(['schoolId', 'studentNumber', 'idLast6']);
    return {
      schoolId: values.schoolId,
      studentNumber: values.studentNumber.trim(),
      idLast6: values.idLast6.trim().toUpperCase(),
    };
  };

  const sendCode = async () => {
    const result = await sendActivationCode(await identity());
    setMaskedPhone(result.maskedPhone);
    return result.cooldownSeconds;
  };

  const onFinish = async (values: Values) => {
    setSubmitting(true);
    try {
      const result = await activateGraduate({
        ...(await identity()),
        smsCode: values.smsCode.trim(),
        password: values.password,
      });
      finish(result.account);
    } catch (error) {
      showError(error);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <AuthCard
      title="毕业生首次登录激活"
      subtitle="验证码将发送到学校登记的手机号。激活后可用学号或手机号登录。"
    >
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={(values) => void onFinish(values)}
      >
        <Form.Item name="schoolId" label="学校" rules={[{ required: true, message: '请选择学校' }]}>
          <SchoolSelect disabled={!!maskedPhone} />
        </Form.Item>
        <Form.Item
          name="studentNumber"
          label="学号"
          rules={[{ required: true, whitespace: true, message: '请输入学号' }]}
        >
          <Input placeholder="学号" maxLength={40} disabled={!!maskedPhone} />
        </Form.Item>
        <Form.Item
          name="idLast6"
          label="身份证号后6位"
          rules={[
            { required: true, message: '请输入身份证号后6位' },
            { pattern: /^\d{5}[\dXx]$/, message: '请输入身份证号后6位' },
          ]}
        >
          <Input
            placeholder="身份证号后6位"
            maxLength={6}
            autoComplete="off"
            disabled={!!maskedPhone}
          />
        </Form.Item>
        <SmsCodeField form={form} send={sendCode} />
        {maskedPhone && (
          <Alert
            type="success"
            showIcon
            title={`验证码已发送至 ${maskedPhone}`}
            description={
              <>
                手机号不正确？请联系学校就业指导中心更新生源信息。
                <a
                  onClick={() => {
                    setMaskedPhone(null);
                    form.resetFields(['smsCode']);
                  }}
                >
                  修改信息
                </a>
              </>
            }
            style={{ marginBottom: 16 }}
          />
        )}
        <NewPasswordFields kind="standard" />
        <Button type="primary" htmlType="submit" block size="large" loading={submitting}>
          激活并登录
        </Button>
      </Form>
      <div style={{ marginTop: 16, textAlign: 'center' }}>
        已激活？<Link to="/login/graduate">去登录</Link>
      </div>
    </AuthCard>
  );
}
