import { useState } from 'react';
import { Button, Card, Empty, List, Space, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { QueryView } from '../../../components/feedback.tsx';
import { ReasonModal } from '../../../components/form-helpers.tsx';
import { describeError } from '../../../lib/api.ts';
import { approveJob, fetchReviewQueue, jobKeys, returnJob } from '../api/jobs.api.ts';
import { useFeedback } from '../../../app/AppFeedback.tsx';

/** 职位审核: postings the compliance check found doubtful. */
export default function JobReviewPage() {
  const { message } = useFeedback();
  const client = useQueryClient();
  const [returning, setReturning] = useState<string | null>(null);
  const queue = useQuery({ queryKey: jobKeys.reviews, queryFn: fetchReviewQueue });
  const refresh = () => client.invalidateQueries({ queryKey: jobKeys.reviews });
  const approve = useMutation({
    mutationFn: approveJob,
    onSuccess: () => {
      message.success('已通过，职位已发布');
      void refresh();
    },
    onError: (e) => message.error(describeError(e)),
  });
  return (
    <div>
      <Typography.Title level={4}>职位审核</Typography.Title>
      <QueryView
        query={queue}
        isEmpty={(d) => d.length === 0}
        empty={<Empty description="没有待审核的职位" />}
      >
        {(list) => (
          <List
            dataSource={list}
            renderItem={(j) => (
              <Card
                size="small"
                style={{ marginBottom: 12 }}
                title={`${j.title} · ${j.organizationName}`}
              >
                <Typography.Paragraph>
                  {j.salaryText} · {j.district ?? j.region ?? '—'} · 招{j.headcount ?? '?'}人
                </Typography.Paragraph>
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>
                  {j.description}
                </Typography.Paragraph>
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} type="secondary">
                  {j.skills}
                </Typography.Paragraph>
                <Space wrap style={{ marginBottom: 8 }}>
                  {j.complianceFlags.map((f, i) => (
                    <Tag key={i} color="orange" title={f.reason}>
                      {f.category}：{f.term}
                    </Tag>
                  ))}
                </Space>
                <div>
                  <Space>
                    <Button type="primary" onClick={() => approve.mutate(j.id)}>
                      通过
                    </Button>
                    <Button danger onClick={() => setReturning(j.id)}>
                      退回
                    </Button>
                  </Space>
                </div>
              </Card>
            )}
          />
        )}
      </QueryView>
      <ReasonModal
        open={returning !== null}
        title="退回原因"
        onCancel={() => setReturning(null)}
        onSubmit={async (reason) => {
          await returnJob(returning!, reason);
          setReturning(null);
          message.success('已退回');
          void refresh();
        }}
      />
    </div>
  );
}
