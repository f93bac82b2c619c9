import { useEffect } from 'react';
import {
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Row,
  Select,
  Space,
  Tabs,
} from 'antd';
import dayjs from 'dayjs';
import type { Resume, ResumeContent } from '@hirehall/shared/resumes';
import { QueryView } from '../../../components/feedback.tsx';
import { describeError, isApiError } from '../../../lib/api.ts';
import { useResume, useSaveResume } from '../api/resumes.api.ts';
import { FactsCard } from '../components/FactsCard.tsx';
import { AttachmentsCard } from '../components/AttachmentsCard.tsx';
import { AccessLogCard } from '../components/AccessLogCard.tsx';
import { ResumeView } from '../components/ResumeView.tsx';
import { useFeedback } from '../../../app/AppFeedback.tsx';

/** 我的简历: edit the online resume, confirm facts, manage attachments, see who looked. */
export default function ResumePage() {
  const query = useResume();
  return (
    <QueryView query={query}>
      {(resume) => (
        <Tabs
          items={[
            { key: 'edit', label: '编辑简历', children: <ResumeEditor resume={resume} /> },
            {
              key: 'preview',
              label: '预览',
              children: <ResumeView content={resume.content} facts={resume.facts} />,
            },
            { key: 'attachments', label: '附件简历', children: <AttachmentsCard /> },
            { key: 'access', label: '谁看过我的简历', children: <AccessLogCard /> },
          ]}
        />
      )}
    </QueryView>
  );
}

type FormValues = Omit<ResumeContent, 'basic'> & {
  basic: Omit<ResumeContent['basic'], 'birthDate'> & { birthDate?: dayjs.Dayjs | null };
};

function toForm(c: ResumeContent): FormValues {
  return {
    ...c,
    basic: { ...c.basic, birthDate: c.basic.birthDate ? dayjs(c.basic.birthDate) : null },
  };
}

function fromForm(v: FormValues): ResumeContent {
  return {
    ...v,
    basic: {
      ...v.basic,
      birthDate: v.basic.birthDate ? v.basic.birthDate.format('YYYY-MM-DD') : '',
    },
    education: v.education ?? [],
    experience: v.experience ?? [],
    certificates: v.certificates ?? [],
  } as ResumeContent;
}

const month = { pattern: /^(\d{4}-(0[1-9]|1[0-2]))?$/, message: '格式 YYYY-MM' };

function ResumeEditor({ resume }: { resume: Resume }) {
  const [form] = Form.useForm<FormValues>();
  const save = useSaveResume();
  const { message } = useFeedback();
  useEffect(() => form.setFieldsValue(toForm(resume.content)), [form, resume.content]);

  const onFinish = async (values: FormValues) => {
    try {
      await save.mutateAsync({ content: fromForm(values), version: resume.version });
      message.success('简历已保存');
    } catch (err) {
      message.error(
        isApiError(err, 'VERSION_CONFLICT')
          ? '简历已在其他设备上修改，请刷新页面后再编辑'
          : describeError(err),
      );
    }
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <FactsCard facts={resume.facts} />
      <Form
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={toForm(resume.content)}
      >
        <Card title="基本信息">
          <Row gutter={16}>
            <Col xs={24} sm={8}>
              <Form.Item name={['basic', 'name']} label="姓名" rules={[{ required: true }]}>
                <Input maxLength={50} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={8}>
              <Form.Item name={['basic', 'gender']} label="性别">
                <Select
                  options={[
                    { value: '', label: '未填写' },
                    { value: 'male', label: '男' },
                    { value: 'female', label: '女' },
                  ]}
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={8}>
              <Form.Item name={['basic', 'birthDate']} label="出生日期">
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={8}>
              <Form.Item
                name={['basic', 'phone']}
                label="手机"
                rules={[{ pattern: /^(1\d{10})?$/, message: '请填写11位手机号' }]}
              >
                <Input maxLength={11} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={8}>
              <Form.Item name={['basic', 'email']} label="邮箱" rules={[{ type: 'email' }]}>
                <Input />
              </Form.Item>
            </Col>
            <Col xs={24} sm={8}>
              <Form.Item name={['basic', 'city']} label="所在城市">
                <Input maxLength={50} />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <Card title="教育经历" style={{ marginTop: 16 }}>
          <Form.List name="education">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} wrap align="start">
                    <Form.Item
                      name={[f.name, 'school']}
                      rules={[{ required: true, message: '请填写学校' }]}
                    >
                      <Input placeholder="学校" />
                    </Form.Item>
                    <Form.Item name={[f.name, 'major']}>
                      <Input placeholder="专业" />
                    </Form.Item>
                    <Form.Item name={[f.name, 'degree']}>
                      <Input placeholder="学历/学位" />
                    </Form.Item>
                    <Form.Item name={[f.name, 'startMonth']} rules={[month]}>
                      <Input placeholder="开始 2019-09" />
                    </Form.Item>
                    <Form.Item name={[f.name, 'endMonth']} rules={[month]}>
                      <Input placeholder="结束 2023-06" />
                    </Form.Item>
                    <Button onClick={() => remove(f.name)}>删除</Button>
                  </Space>
                ))}
                <Button
                  type="dashed"
                  onClick={() =>
                    add({ school: '', major: '', degree: '', startMonth: '', endMonth: '' })
                  }
                >
                  添加教育经历
                </Button>
              </>
            )}
          </Form.List>
        </Card>
        <Card title="工作经历" style={{ marginTop: 16 }}>
          <Form.List name="experience">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <div key={f.key} style={{ borderBottom: '1px dashed #eee', marginBottom: 12 }}>
                    <Space wrap align="start">
                      <Form.Item
                        name={[f.name, 'company']}
                        rules={[{ required: true, message: '请填写单位' }]}
                      >
                        <Input placeholder="单位" />
                      </Form.Item>
                      <Form.Item name={[f.name, 'title']}>
                        <Input placeholder="职位" />
                      </Form.Item>
                      <Form.Item name={[f.name, 'startMonth']} rules={[month]}>
                        <Input placeholder="开始 2020-01" />
                      </Form.Item>
                      <Form.Item name={[f.name, 'endMonth']} rules={[month]}>
                        <Input placeholder="结束" />
                      </Form.Item>
                      <Button onClick={() => remove(f.name)}>删除</Button>
                    </Space>
                    <Form.Item name={[f.name, 'description']}>
                      <Input.TextArea rows={2} placeholder="工作内容" maxLength={2000} />
                    </Form.Item>
                  </div>
                ))}
                <Button
                  type="dashed"
                  onClick={() =>
                    add({ company: '', title: '', startMonth: '', endMonth: '', description: '' })
                  }
                >
                  添加工作经历
                </Button>
              </>
            )}
          </Form.List>
        </Card>
        <Card title="技能与证书" style={{ marginTop: 16 }}>
          <Form.Item name="skills" label="技能">
            <Select mode="tags" placeholder="输入后回车" />
          </Form.Item>
          <Form.Item name="certificationDomains" label="认证领域（认证人员）">
            <Select mode="tags" placeholder="如 QMS、EMS、OHSMS" />
          </Form.Item>
          <Form.Item name="positionLevel" label="岗位级别">
            <Input placeholder="如 审核员、高级审核员" maxLength={50} />
          </Form.Item>
          <Form.List name="certificates">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} wrap align="start">
                    <Form.Item
                      name={[f.name, 'name']}
                      rules={[{ required: true, message: '请填写证书名称' }]}
                    >
                      <Input placeholder="证书名称" />
                    </Form.Item>
                    <Form.Item name={[f.name, 'number']}>
                      <Input placeholder="证书编号" />
                    </Form.Item>
                    <Form.Item name={[f.name, 'domain']}>
                      <Input placeholder="认证领域" />
                    </Form.Item>
                    <Button onClick={() => remove(f.name)}>删除</Button>
                  </Space>
                ))}
                <Button type="dashed" onClick={() => add({ name: '', number: '', domain: '' })}>
                  添加证书
                </Button>
              </>
            )}
          </Form.List>
        </Card>
        <Card title="求职意向" style={{ marginTop: 16 }}>
          <Row gutter={16}>
            <Col xs={24} sm={12}>
              <Form.Item name={['intention', 'jobTitles']} label="意向职位">
                <Select mode="tags" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item name={['intention', 'cities']} label="意向城市">
                <Select mode="tags" />
              </Form.Item>
            </Col>
            <Col xs={12} sm={6}>
              <Form.Item name={['intention', 'salaryMin']} label="期望月薪（最低）">
                <InputNumber min={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={12} sm={6}>
              <Form.Item name={['intention', 'salaryMax']} label="期望月薪（最高）">
                <InputNumber min={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item name={['intention', 'employmentType']} label="工作性质">
                <Input maxLength={50} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="selfIntroduction" label="自我评价">
            <Input.TextArea rows={4} maxLength={2000} />
          </Form.Item>
        </Card>
        <Space style={{ marginTop: 16 }}>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            保存简历
          </Button>
          <Popconfirm
            title="放弃未保存的修改？"
            onConfirm={() => form.setFieldsValue(toForm(resume.content))}
          >
            <Button>重置</Button>
          </Popconfirm>
        </Space>
      </Form>
    </Space>
  );
}
