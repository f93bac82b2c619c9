import { Link } from 'react-router';
import { labelOf, educationLevels } from '@hirehall/shared/job-options';
import type { JobSummary } from '@hirehall/shared/jobs';

/** One search result: title, employer, pay, education, age range, headcount (seed 004 §3). */
export function JobCard({ job, to }: { job: JobSummary; to: string }) {
  return (
    <Link to={to} className="hh-link-card">
      <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
        <span
          style={{
            fontSize: 16,
            fontWeight: 600,
            minWidth: 0,
            overflow: 'hidden',
            textOverflow: 'ellipsis',
            whiteSpace: 'nowrap',
          }}
        >
          {job.title}
        </span>
        <span style={{ color: '#cf1322', whiteSpace: 'nowrap' }}>{job.salaryText}</span>
      </div>
      <div style={{ color: 'rgba(0,0,0,0.65)', margin: '4px 0' }}>{job.organizationName}</div>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 4 }}>
        <span className="hh-tag">{labelOf(educationLevels, job.education)}</span>
        <span className="hh-tag">
          {job.ageMin ?? 16}-{job.ageMax ?? 65}岁
        </span>
        <span className="hh-tag">招{job.headcount ?? '若干'}人</span>
        {(job.district ?? job.region) && (
          <span className="hh-tag">{job.district ?? job.region}</span>
        )}
      </div>
    </Link>
  );
}
