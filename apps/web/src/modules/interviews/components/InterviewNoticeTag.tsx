import { Tag } from 'antd';
import { Link } from 'react-router';
import { useApplicationNotice } from './InterviewNoticeButton.tsx';

/**
 * 面试通知 NEW on a seeker's application (seed 004 §6.3): shown while the newest interview
 * notice of that application is unread; it opens the notice in 面试日程.
 */
export function InterviewNoticeTag({ applicationId }: { applicationId: string }) {
  const notice = useApplicationNotice(applicationId);
  if (!notice) return null;
  return (
    <Link to={`/seeker/interviews?id=${notice.id}`}>
      <Tag color={notice.isNew ? 'red' : 'blue'} data-testid="application-interview-notice">
        {notice.isNew ? '面试通知 NEW' : '面试通知'}
      </Tag>
    </Link>
  );
}
