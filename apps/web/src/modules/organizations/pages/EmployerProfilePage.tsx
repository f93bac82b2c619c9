import { useState } from 'react';
import { Alert, Button, Card, Col, Descriptions, Form, Input, Modal, Row, Space } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { EmployerProfile } from '@hirehall/shared/organizations';
import { QueryView } from '../../../components/feedback.tsx';
import { useFormErrors } from '../../../lib/useFormErrors.ts';
import {
  fetchEmployerProfile,
  fileUrl,
  organizationKeys,
  requestCertificationChange,
  updateEmployerProfile,
  type EmployerProfilePatch,
} from '../api/organizations.api.ts';
import { LicenceUpload } from '../components/LicenceUpload.tsx';
import {
  CompanyCategoryColumns,
  CompanyContactColumns,
} from '../components/CompanyProfileColumns.tsx';
import { CreditCodeField } from '../components/CreditCodeField.tsx';
import { useFeedback } from '../../../app/AppFeedback.tsx';

const blankToNull = (value: string | null | undefined) => (value?.trim() ? value.trim() : null);

function BasicForm({ profile }: { profile: EmployerProfile }) {
  const [form] = Form.useForm<EmployerProfilePatch>();
  const queryClient = useQueryClient();
  const { message } = useFeedback();
  const showError = useFormErrors(form);
  const save = useMutation({
    mutationFn: (values: EmployerProfilePatch) =>
      updateEmployerProfile({
        contactName: values.contactName?.trim(),
        contactPhone: values.contactPhone?.trim(),
        contactEmail: blankToNull(values.contactEmail),
        address: blankToNull(values.address),
        industry: values.industry ?? null,
        scale: values.scale ?? null,
        website: blankToNull(values.website),
        introduction: blankToNull(values.introduction),
      }),
    onSuccess: (next) => {
      queryClient.setQueryData(organizationKeys.profile, next);
      message.success('基本资料已保存');
    },
    onError: showError,
  });
  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={profile}
      onFinish={(values) => save.mutate(values)}
    >
      <Row gutter={16}>
        <CompanyContactColumns phoneRequiredMessage="请填写联系电话" />
        <Col xs={24} md={12}>
          <Form.Item name="website" label="单位网址">
            <Input maxLength={200} placeholder="https://" />
          </Form.Item>
        </Col>
        <CompanyCategoryColumns />
      </Row>
      <Form.Item name="address" label="单位地址">
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="introduction" label="单位简介">
        <Input.TextArea rows={5} maxLength={5000} showCount />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={save.isPending}>
        保存基本资料
      </Button>
    </Form>
  );
}

interface ChangeValues {
  name: string;
  creditCode: string;
  licenceFileId: string;
}

function CertificationChangeModal({
  profile,
  open,
  onClose,
}: {
  profile: EmployerProfile;
  open: boolean;
  onClose: () => void;
}) {
  const [form] = Form.useForm<ChangeValues>();
  const queryClient = useQueryClient();
  const { message } = useFeedback();
  const showError = useFormErrors(form, { CREDIT_CODE_INVALID: 'creditCode' });
  const submit = useMutation({
    mutationFn: (values: ChangeValues) =>
      requestCertificationChange({
        name: values.name.trim(),
        creditCode: values.creditCode.trim().toUpperCase(),
        licenceFileId: values.licenceFileId,
      }),
    onSuccess: () => {
      message.success('已提交认证变更，等待平台审核');
      void queryClient.invalidateQueries({ queryKey: organizationKeys.profile });
      onClose();
    },
    onError: showError,
  });
  return (
    <Modal
      open={open}
      title="变更认证信息"
      okText="提交审核"
      cancelText="取消"
      confirmLoading={submit.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Alert
        type="info"
        showIcon
        title="认证信息变更需平台重新审核，审核通过前原信息继续有效。"
        style={{ marginBottom: 16 }}
      />
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ name: profile.name, creditCode: profile.creditCode ?? '' }}
        onFinish={(values) => submit.mutate(values)}
      >
        <Form.Item
          name="name"
          label="单位全称"
          rules={[{ required: true, whitespace: true, message: '请填写单位全称' }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <CreditCodeField required />
        <Form.Item
          name="licenceFileId"
          label="营业执照"
          rules={[{ required: true, message: '请上传新的营业执照' }]}
        >
          <LicenceUpload />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function CertificationCard({ profile }: { profile: EmployerProfile }) {
  const [open, setOpen] = useState(false);
  const pending = profile.pendingCertification;
  const last = profile.lastCertificationDecision;
  return (
    <Card
      title="认证信息"
      style={{ marginBottom: 16 }}
      extra={
        <Button onClick={() => setOpen(true)} disabled={!!pending}>
          变更认证信息
        </Button>
      }
    >
      {pending && (
        <Alert
          type="warning"
          showIcon
          title={`认证变更审核中：单位名称「${pending.name}」，信用代码 ${pending.creditCode}`}
          description="审核通过前，原认证信息继续有效。"
          style={{ marginBottom: 16 }}
        />
      )}
      {!pending && last?.status === 'rejected' && (
        <Alert
          type="error"
          showIcon
          title="上次认证变更未通过"
          description={last.reason ? `原因：${last.reason}` : undefined}
          style={{ marginBottom: 16 }}
        />
      )}
      <Descriptions
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'name', label: '单位全称', children: profile.name },
          { key: 'code', label: '统一社会信用代码', children: profile.creditCode ?? '—' },
          {
            key: 'licence',
            label: '营业执照',
            children: profile.licenceFileId ? (
              <a href={fileUrl(profile.licenceFileId)} target="_blank" rel="noreferrer">
                查看营业执照
              </a>
            ) : (
              '未上传'
            ),
          },
        ]}
      />
      <CertificationChangeModal profile={profile} open={open} onClose={() => setOpen(false)} />
    </Card>
  );
}

export default function EmployerProfilePage() {
  const query = useQuery({ queryKey: organizationKeys.profile, queryFn: fetchEmployerProfile });
  return (
    <QueryView query={query}>
      {(profile) => (
        <Space orientation="vertical" style={{ width: '100%' }} size={0}>
          <CertificationCard profile={profile} />
          <Card title="基本资料">
            <BasicForm profile={profile} />
          </Card>
        </Space>
      )}
    </QueryView>
  );
}
