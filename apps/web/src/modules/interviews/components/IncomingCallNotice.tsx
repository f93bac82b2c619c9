import { Button } from 'antd';
import { useLocation, useNavigate } from 'react-router';
import { callSocketEvents as ev } from '@hirehall/shared/interview-events';
import { useSocketEvent } from '../../notifications/api/socket.ts';
import { useFeedback } from '../../../app/AppFeedback.tsx';

/**
 * Mounted in the seeker layout: when an employer calls while the seeker is on another page,
 * a notice leads to the waiting room, which rings and answers (the call keeps ringing 30 s).
 */
export function IncomingCallNotice() {
  const { notification } = useFeedback();
  const navigate = useNavigate();
  const location = useLocation();
  useSocketEvent<{ callId: string; interviewId: string; organizationName: string }>(
    ev.ringing,
    (r) => {
      const here = new URLSearchParams(location.search).get('id');
      if (location.pathname === '/seeker/interviews' && here === r.interviewId) return;
      notification.info({
        key: r.callId,
        message: '面试来电',
        description: `${r.organizationName} 正在呼叫您进行视频面试`,
        duration: 30,
        actions: (
          <Button
            type="primary"
            size="small"
            onClick={() => {
              notification.destroy(r.callId);
              navigate(`/seeker/interviews?id=${r.interviewId}`);
            }}
          >
            前往接听
          </Button>
        ),
      });
    },
  );
  return null;
}
