import { useEffect, useRef, useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Col,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router';
import {
  educationLevels,
  employmentTypes,
  jobStatusLabels,
  positionTypes,
  workDistricts,
} from '@hirehall/shared/job-options';
import type { ComplianceFlag, JobFields, OwnJob } from '@hirehall/shared/jobs';
import { checkCompliance } from '@hirehall/shared/compliance';
import { QueryView } from '../../../components/feedback.tsx';
import { describeError, isApiError } from '../../../lib/api.ts';
import { fetchOwnJob, jobAction, jobKeys, saveJob } from '../api/jobs.api.ts';
import { useFeedback } from '../../../app/AppFeedback.tsx';

type SaveState = 'saved' | 'saving' | 'dirty' | 'conflict' | 'error';
const saveLabels: Record<SaveState, string> = {
  saved: '已自动保存',
  saving: '保存中…',
  dirty: '有未保存的修改',
  conflict: '内容已在其他页面修改，请刷新后再编辑',
  error: '保存失败',
};

function Flags({ flags }: { flags: ComplianceFlag[] }) {
  if (!flags.length) return null;
  return (
    <Alert
      type={flags.some((f) => f.severity === 'block') ? 'error' : 'warning'}
      showIcon
      style={{ marginBottom: 12 }}
      title="合规检查提示"
      description={
        <ul style={{ margin: 0, paddingLeft: 18 }}>
          {flags.map((f, i) => (
            <li key={i}>
              {f.field}含“{f.term}”（{f.category}，{f.severity === 'block' ? '不可发布' : '需审核'}
              ）：{f.reason}
            </li>
          ))}
        </ul>
      }
    />
  );
}

/** Create/edit a posting: every change is saved after a pause, guarded by the version. */
function Editor({ job }: { job: OwnJob }) {
  const [form] = Form.useForm<JobFields>();
  const { message } = useFeedback();
  const client = useQueryClient();
  const navigate = useNavigate();
  const version = useRef(job.version);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const [state, setState] = useState<SaveState>('saved');
  const [status, setStatus] = useState(job.status);
  const [flags, setFlags] = useState<ComplianceFlag[]>(job.complianceFlags);
  const [reviewReason, setReviewReason] = useState(job.reviewReason);
  const [hints, setHints] = useState<ComplianceFlag[]>(() => checkCompliance(job));

  const save = async () => {
    if (state === 'conflict') return;
    setState('saving');
    try {
      const saved = await saveJob(job.id, { ...form.getFieldsValue(), version: version.current });
      version.current = saved.version;
      setStatus(saved.status);
      setFlags(saved.complianceFlags);
      setReviewReason(saved.reviewReason);
      setState('saved');
      void client.invalidateQueries({ queryKey: jobKeys.own });
    } catch (e) {
      if (isApiError(e, 'VERSION_CONFLICT')) setState('conflict');
      else {
        setState('error');
        message.error(describeError(e));
      }
    }
  };
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  const onChange = () => {
    setState('dirty');
    setHints(checkCompliance(form.getFieldsValue()));
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void save(), 800);
  };
  const publish = async () => {
    if (timer.current) clearTimeout(timer.current);
    await save();
    try {
      const res = await jobAction(job.id, 'publish');
      setStatus(res.status);
      message.success(res.status === 'in_review' ? '含需审核内容，已提交学校/平台审核' : '已发布');
      void client.invalidateQueries({ queryKey: jobKeys.own });
    } catch (e) {
      if (isApiError(e, 'COMPLIANCE_VIOLATION')) {
        setFlags((e.details as { flags: ComplianceFlag[] }).flags);
      }
      message.error(describeError(e));
    }
  };
  const opt = (list: readonly { value: string; label: string }[]) => list.map((o) => ({ ...o }));
  return (
    <Card
      title={
        <Space wrap>
          编辑职位 <Tag>{jobStatusLabels[status]}</Tag>
        </Space>
      }
      extra={
        <Typography.Text type={state === 'conflict' || state === 'error' ? 'danger' : 'secondary'}>
          {saveLabels[state]}
        </Typography.Text>
      }
    >
      {state === 'conflict' && (
        <Alert
          type="error"
          style={{ marginBottom: 12 }}
          title={saveLabels.conflict}
          action={<Button onClick={() => window.location.reload()}>刷新</Button>}
        />
      )}
      {reviewReason && status === 'returned' && (
        <Alert type="warning" style={{ marginBottom: 12 }} title={`退回原因：${reviewReason}`} />
      )}
      <Flags flags={flags.length ? flags : hints} />
      <Form form={form} layout="vertical" initialValues={job} onValuesChange={onChange}>
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item name="title" label="职位名称" required>
              <Input maxLength={60} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="occupation" label="职业">
              <Input maxLength={60} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="salaryMin" label="月薪下限（元）" required>
              <InputNumber min={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="salaryMax" label="月薪上限（元）">
              <InputNumber min={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="headcount" label="招聘人数" required>
              <InputNumber min={1} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="district" label="工作地点" required>
              <Select allowClear options={workDistricts.map((d) => ({ value: d, label: d }))} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="education" label="学历要求">
              <Select allowClear options={opt(educationLevels)} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="employmentType" label="工作性质">
              <Select allowClear options={opt(employmentTypes)} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="ageMin" label="最低年龄">
              <InputNumber min={16} max={65} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="ageMax" label="最高年龄">
              <InputNumber min={16} max={65} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="probationMonths" label="试用期（月）">
              <InputNumber min={0} max={6} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="probationSalary" label="试用期月薪（元）">
              <InputNumber min={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="region" label="地区（认证岗位）">
              <Input maxLength={40} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="certificationDomain" label="认证领域">
              <Input maxLength={60} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="positionType" label="岗位类型">
              <Select allowClear options={positionTypes.map((p) => ({ value: p, label: p }))} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="positionLevel" label="岗位级别">
              <Input maxLength={40} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="description" label="职位描述（工作职责）" required>
              <Input.TextArea rows={5} maxLength={5000} showCount />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="skills" label="技能要求">
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
      <Space>
        {(status === 'draft' || status === 'returned') && (
          <Button type="primary" onClick={() => void publish()}>
            发布
          </Button>
        )}
        <Button onClick={() => navigate('..', { relative: 'path' })}>返回列表</Button>
      </Space>
    </Card>
  );
}

export default function JobEditPage() {
  const { id = '' } = useParams();
  const job = useQuery({
    queryKey: jobKeys.ownOne(id),
    queryFn: () => fetchOwnJob(id),
    staleTime: Infinity,
  });
  return <QueryView query={job}>{(j) => <Editor job={j} />}</QueryView>;
}
