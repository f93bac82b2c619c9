import { useState } from 'react';
import { Button, Input, Radio, Space } from 'antd';
import {
  interviewResultLabels,
  interviewResults,
  type Interview,
  type InterviewResult,
} from '@hirehall/shared/interviews';
import { describeError } from '../../../lib/api.ts';
import { interviewAction } from '../api/interviews.api.ts';
import { useFeedback } from '../../../app/AppFeedback.tsx';

/** 标记面试结果 (合适 / 不合适 / 待定) with notes, then 结束面试. */
export function ResultForm({
  interview,
  onDone,
}: {
  interview: Interview;
  onDone(i: Interview): void;
}) {
  const [result, setResult] = useState<InterviewResult | null>(interview.result);
  const [notes, setNotes] = useState(interview.resultNotes ?? '');
  const [saving, setSaving] = useState(false);
  const { message } = useFeedback();
  const finish = async () => {
    if (!result) return;
    setSaving(true);
    try {
      const done = await interviewAction(interview.id, 'result', { result, notes });
      message.success('面试已结束');
      onDone(done);
    } catch (e) {
      message.error(describeError(e));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="result-form">
      <Radio.Group value={result} onChange={(e) => setResult(e.target.value as InterviewResult)}>
        {interviewResults.map((r) => (
          <Radio.Button key={r} value={r}>
            {interviewResultLabels[r]}
          </Radio.Button>
        ))}
      </Radio.Group>
      <Input.TextArea
        aria-label="面试评价"
        placeholder="面试评价（选填）"
        rows={3}
        maxLength={1000}
        value={notes}
        onChange={(e) => setNotes(e.target.value)}
      />
      <Button type="primary" disabled={!result} loading={saving} onClick={() => void finish()}>
        结束面试
      </Button>
    </Space>
  );
}
