import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Button,
  Card,
  Form,
  Input,
  List,
  Radio,
  Select,
  Space,
  Typography,
  Upload,
  type UploadFile,
} from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import {
  abuseReasons,
  feedbackKindHints,
  feedbackKindLabels,
  feedbackKinds,
  MAX_SCREENSHOTS,
  reportTargetLabels,
  reportTargetTypes,
  type FeedbackKind,
  type ReportTargetType,
} from '@hirehall/shared/feedback';
import { describeError } from '../../../lib/api.ts';
import { QueryView } from '../../../components/feedback.tsx';
import {
  feedbackKeys,
  listMyFeedback,
  screenshotUrl,
  submitFeedback,
  uploadScreenshot,
} from '../api/feedback.api.ts';
import { FeedbackStatusTag } from '../components/FeedbackStatusTag.tsx';
import { useFeedback } from '../../../app/AppFeedback.tsx';

interface FormValues {
  content: string;
  reason?: string;
  targetType?: ReportTargetType;
  targetId?: string;
  contact?: string;
}

/** 意见反馈 (seed 003 §5): 功能异常 / 产品建议 / 违规举报, then the person's own history. */
export default function FeedbackPage() {
  const [params] = useSearchParams();
  const { message } = useFeedback();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const initialKind = (params.get('kind') as FeedbackKind | null) ?? 'malfunction';
  const [kind, setKind] = useState<FeedbackKind>(
    feedbackKinds.includes(initialKind) ? initialKind : 'malfunction',
  );
  const [files, setFiles] = useState<UploadFile[]>([]);
  const mine = useQuery({ queryKey: feedbackKeys.mine, queryFn: listMyFeedback });
  const send = useMutation({
    mutationFn: (values: FormValues) =>
      submitFeedback({
        kind,
        content: values.content,
        contact: values.contact || undefined,
        reason: kind === 'abuse' ? values.reason : undefined,
        target:
          kind === 'abuse' && values.targetType && values.targetId
            ? { type: values.targetType, id: values.targetId.trim() }
            : undefined,
        screenshotFileIds: files.flatMap((f) => (f.response ? [f.response as string] : [])),
      }),
    onSuccess: () => {
      void message.success('提交成功，感谢您的反馈');
      form.resetFields(['content', 'reason', 'contact']);
      setFiles([]);
      void queryClient.invalidateQueries({ queryKey: feedbackKeys.mine });
    },
    onError: (error) => void message.error(describeError(error)),
  });

  return (
    <Space direction="vertical" size={16} style={{ width: '100%', maxWidth: 720 }}>
      <Card title="意见反馈" size="small">
        <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
          请选择反馈类型
        </Typography.Paragraph>
        <Radio.Group
          value={kind}
          onChange={(e) => setKind(e.target.value as FeedbackKind)}
          style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginBottom: 8 }}
          optionType="button"
          buttonStyle="solid"
          options={feedbackKinds.map((k) => ({ value: k, label: feedbackKindLabels[k] }))}
        />
        <Typography.Paragraph type="secondary">{feedbackKindHints[kind]}</Typography.Paragraph>
        <Form<FormValues>
          form={form}
          layout="vertical"
          onFinish={(values) => send.mutate(values)}
          initialValues={{
            targetType: (params.get('targetType') as ReportTargetType | null) ?? undefined,
            targetId: params.get('targetId') ?? undefined,
          }}
        >
          {kind === 'abuse' && (
            <>
              <Form.Item label="举报对象" required style={{ marginBottom: 0 }}>
                <Space.Compact style={{ width: '100%' }}>
                  <Form.Item
                    name="targetType"
                    noStyle
                    rules={[{ required: true, message: '请选择举报对象' }]}
                  >
                    <Select
                      style={{ width: 110 }}
                      placeholder="类型"
                      options={reportTargetTypes.map((t) => ({
                        value: t,
                        label: reportTargetLabels[t],
                      }))}
                    />
                  </Form.Item>
                  <Form.Item
                    name="targetId"
                    noStyle
                    rules={[{ required: true, message: '请填写对象编号' }]}
                  >
                    <Input placeholder="对象编号（从职位、单位或消息页面的“举报”进入会自动填写）" />
                  </Form.Item>
                </Space.Compact>
              </Form.Item>
              <Form.Item name="reason" label="举报原因" style={{ marginTop: 16 }}>
                <Select
                  placeholder="请选择"
                  options={abuseReasons.map((r) => ({ value: r, label: r }))}
                />
              </Form.Item>
            </>
          )}
          <Form.Item
            name="content"
            label="问题描述"
            rules={[
              { required: true, message: '请填写问题描述' },
              { min: 5, message: '请至少填写5个字' },
            ]}
          >
            <Input.TextArea
              rows={5}
              maxLength={2000}
              showCount
              placeholder="请尽量详细地描述您遇到的问题或建议"
            />
          </Form.Item>
          <Form.Item label={`截图（选填，最多${MAX_SCREENSHOTS}张，JPG/PNG）`}>
            <Upload
              listType="picture-card"
              accept="image/png,image/jpeg"
              fileList={files}
              maxCount={MAX_SCREENSHOTS}
              customRequest={({ file, onSuccess, onError }) => {
                uploadScreenshot(file as File)
                  .then((id) => onSuccess?.(id))
                  .catch((err: unknown) => {
                    void message.error(describeError(err));
                    onError?.(err as Error);
                  });
              }}
              onChange={({ fileList }) => setFiles(fileList.filter((f) => f.status !== 'error'))}
            >
              {files.length < MAX_SCREENSHOTS && (
                <div>
                  <PlusOutlined />
                  <div style={{ marginTop: 8 }}>上传</div>
                </div>
              )}
            </Upload>
          </Form.Item>
          <Form.Item name="contact" label="联系方式（选填）">
            <Input maxLength={100} placeholder="手机号或邮箱，便于我们联系您" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={send.isPending}>
            提交
          </Button>
        </Form>
      </Card>
      <Card title="我的反馈" size="small">
        <QueryView query={mine} isEmpty={(d) => d.length === 0}>
          {(items) => (
            <List
              dataSource={items}
              renderItem={(item) => (
                <List.Item key={item.id} data-testid="my-feedback">
                  <Space direction="vertical" style={{ width: '100%' }} size={4}>
                    <Space wrap>
                      <Typography.Text strong>{feedbackKindLabels[item.kind]}</Typography.Text>
                      <FeedbackStatusTag status={item.status} />
                      <Typography.Text type="secondary">
                        {new Date(item.createdAt).toLocaleString('zh-CN')}
                      </Typography.Text>
                    </Space>
                    <Typography.Paragraph
                      style={{ margin: 0 }}
                      ellipsis={{ rows: 3, expandable: true }}
                    >
                      {item.content}
                    </Typography.Paragraph>
                    {item.screenshotFileIds.length > 0 && (
                      <Space wrap>
                        {item.screenshotFileIds.map((id) => (
                          <a key={id} href={screenshotUrl(id)} target="_blank" rel="noreferrer">
                            <img
                              src={screenshotUrl(id)}
                              alt="截图"
                              width={48}
                              height={48}
                              style={{ objectFit: 'cover' }}
                            />
                          </a>
                        ))}
                      </Space>
                    )}
                    {item.replies.map((r) => (
                      <div
                        key={r.id}
                        style={{ background: '#f6ffed', padding: '6px 10px', borderRadius: 6 }}
                      >
                        <Typography.Text type="secondary">平台回复：</Typography.Text>
                        {r.body}
                      </div>
                    ))}
                  </Space>
                </List.Item>
              )}
            />
          )}
        </QueryView>
      </Card>
    </Space>
  );
}
