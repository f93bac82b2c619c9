import { Card, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { labelOf, educationLevels, type JobSummary } from '@hirehall/shared/jobs';

/** One search result: title, employer, pay, education, age range, headcount (seed 004 §3). */
export function JobCard({ job, to }: { job: JobSummary; to: string }) {
  return (
    <Link to={to} style={{ display: 'block' }}>
      <Card size="small" hoverable style={{ marginBottom: 8 }}>
        <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
          <Typography.Text strong ellipsis style={{ fontSize: 16 }}>
            {job.title}
          </Typography.Text>
          <Typography.Text type="danger" style={{ whiteSpace: 'nowrap' }}>
            {job.salaryText}
          </Typography.Text>
        </div>
        <div style={{ color: 'rgba(0,0,0,0.65)', margin: '4px 0' }}>{job.organizationName}</div>
        <Space size={4} wrap>
          <Tag>{labelOf(educationLevels, job.education)}</Tag>
          <Tag>
            {job.ageMin ?? 16}-{job.ageMax ?? 65}岁
          </Tag>
          <Tag>招{job.headcount ?? '若干'}人</Tag>
          {(job.district ?? job.region) && <Tag>{job.district ?? job.region}</Tag>}
        </Space>
      </Card>
    </Link>
  );
}
