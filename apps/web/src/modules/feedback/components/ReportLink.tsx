import { WarningOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import type { ReportTargetType } from '@hirehall/shared/feedback';
import { homePathOf, useAuth } from '../../../app/session.ts';

const what: Record<ReportTargetType, string> = {
  job: '举报职位',
  organization: '举报单位',
  card: '举报名片',
  message: '举报',
};

/** Where the 举报 form opens, prefilled; signed-out people sign in as a seeker first. */
export function reportPath(
  account: Parameters<typeof homePathOf>[0] | null | undefined,
  targetType: ReportTargetType,
  targetId: string,
): string {
  const query = new URLSearchParams({ kind: 'abuse', targetType, targetId }).toString();
  if (!account) return `/login/seeker?next=${encodeURIComponent(`/seeker/feedback?${query}`)}`;
  return `${homePathOf(account)}/feedback?${query}`;
}

/**
 * 违规举报 link to the feedback page with the target filled in. Not shown to the platform
 * admin (who handles reports) nor on a seeker's own card.
 */
export function ReportLink(props: {
  targetType: ReportTargetType;
  targetId: string;
  small?: boolean;
}) {
  const { account } = useAuth();
  if (account?.role === 'admin' || account?.mustChangePassword) return null;
  if (props.targetType === 'card' && account?.role === 'seeker') return null;
  return (
    <Link
      to={reportPath(account, props.targetType, props.targetId)}
      style={{ color: '#595959', fontSize: props.small ? 12 : undefined, marginLeft: 8 }}
    >
      <WarningOutlined /> {what[props.targetType]}
    </Link>
  );
}

/** 举报职位 and 举报单位 side by side (job detail). */
export function ReportJobLinks({
  jobId,
  organizationId,
}: {
  jobId: string;
  organizationId: string;
}) {
  return (
    <>
      <ReportLink targetType="job" targetId={jobId} />
      <ReportLink targetType="organization" targetId={organizationId} />
    </>
  );
}
