import { Tag } from 'antd';
import { feedbackStateLabels, type FeedbackState } from '@hirehall/shared/feedback';

const colors: Record<FeedbackState, string> = {
  new: 'orange',
  in_progress: 'blue',
  resolved: 'green',
};

export function FeedbackStatusTag({ status }: { status: FeedbackState }) {
  return <Tag color={colors[status]}>{feedbackStateLabels[status]}</Tag>;
}
