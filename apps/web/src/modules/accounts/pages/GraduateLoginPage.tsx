import { useState } from 'react';
import { Button, Form, Input, Segmented, Space } from 'antd';
import { Link } from 'react-router';
import { CaptchaField } from '../../../components/CaptchaField.tsx';
import { SchoolSelect } from '../../organizations/components/SchoolSelect.tsx';
import { AuthCard } from '../components/AuthCard.tsx';
import { useSignInFlow } from '../components/useSignInFlow.ts';

interface Values {
  schoolId?: string;
  studentNumber?: string;
  phone?: string;
  password: string;
}

export default function GraduateLoginPage() {
  const [form] = Form.useForm<Values>();
  const [mode, setMode] = useState<'student' | 'phone'>('student');
  const { captcha, submitting, submit } = useSignInFlow('graduate', form);

  const onFinish = (values: Values) => {
    if (mode === 'student') {
      void submit({
        identifier: (values.studentNumber ?? '').trim(),
        schoolId: values.schoolId,
        password: values.password,
      });
    } else {
      void submit({ identifier: (values.phone ?? '').trim(), password: values.password });
    }
  };

  return (
    <AuthCard title="毕业生登录" subtitle="首次使用请先激活账号，激活后可用学号或手机号登录。">
      <Segmented
        block
        value={mode}
        onChange={(value) => setMode(value as 'student' | 'phone')}
        options={[
          { value: 'student', label: '学号登录' },
          { value: 'phone', label: '手机号登录' },
        ]}
        style={{ marginBottom: 20 }}
      />
      <Form form={form} layout="vertical" requiredMark={false} onFinish={onFinish}>
        {mode === 'student' ? (
          <>
            <Form.Item
              name="schoolId"
              label="学校"
              rules={[{ required: true, message: '请选择学校' }]}
            >
              <SchoolSelect />
            </Form.Item>
            <Form.Item
              name="studentNumber"
              label="学号"
              rules={[{ required: true, whitespace: true, message: '请输入学号' }]}
            >
              <Input autoComplete="username" placeholder="学号" maxLength={32} />
            </Form.Item>
          </>
        ) : (
          <Form.Item
            name="phone"
            label="手机号"
            rules={[
              { required: true, message: '请输入手机号' },
              { pattern: /^1[3-9]\d{9}$/, message: '请输入11位手机号码' },
            ]}
          >
            <Input
              autoComplete="username"
              inputMode="tel"
              placeholder="11位手机号"
              maxLength={11}
            />
          </Form.Item>
        )}
        <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
          <Input.Password autoComplete="current-password" placeholder="密码" maxLength={64} />
        </Form.Item>
        <CaptchaField state={captcha} />
        <Button type="primary" htmlType="submit" block size="large" loading={submitting}>
          登录
        </Button>
      </Form>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginTop: 16 }}>
        <Link to="/activate/graduate">首次登录激活</Link>
        <Link to="/forgot-password">忘记密码</Link>
      </Space>
    </AuthCard>
  );
}
