import { lazy, Suspense, useState } from 'react';
import { Button } from 'antd';
import { Link, useLocation, useNavigate } from 'react-router';
import { useAuth } from '../../../app/session.ts';
import { describeError, isApiError } from '../../../lib/api.ts';
import { useAttachments } from '../../resumes/api/resumes.api.ts';
import { useApplicationForJob, useApply } from '../api/applications.api.ts';
import { useFeedback } from '../../../app/AppFeedback.tsx';

// the dialog (antd Modal, Radio) loads with the first 投递简历, not with every job page
const ApplyDialog = lazy(() => import('./ApplyDialog.tsx'));

export interface ApplyButtonProps {
  jobId: string;
  /** the fair the seeker applies from, when on a fair page */
  fairId?: string;
  /** the posting is published; otherwise the button shows why it is off */
  isOpen?: boolean;
  size?: 'small' | 'middle' | 'large';
  block?: boolean;
}

/**
 * 投递简历: drop it on a job page or a fair's position list. Signed-out visitors are sent to
 * the seeker sign-in; staff see nothing. The seeker chooses an attachment resume (optional),
 * agrees to share the resume with the employer, and is told the places left.
 */
export function ApplyButton({ jobId, fairId, isOpen = true, size, block }: ApplyButtonProps) {
  const { account } = useAuth();
  const isSeeker = account?.role === 'seeker';
  const navigate = useNavigate();
  const location = useLocation();
  const { message, modal } = useFeedback();
  const [open, setOpen] = useState(false);
  const [dialogLoaded, setDialogLoaded] = useState(false);
  const [attachmentId, setAttachmentId] = useState<string>('');
  const current = useApplicationForJob(jobId, isSeeker);
  const attachments = useAttachments(isSeeker && open);
  const apply = useApply();

  if (account && !isSeeker) return null;
  if (!account) {
    const next = encodeURIComponent(location.pathname + location.search);
    return (
      <Button
        type="primary"
        size={size}
        block={block}
        onClick={() => navigate(`/login/seeker?next=${next}`)}
      >
        登录后投递简历
      </Button>
    );
  }
  if (current.data?.application) {
    return (
      <Button size={size} block={block} disabled>
        已投递
      </Button>
    );
  }
  if (!isOpen) {
    return (
      <Button size={size} block={block} disabled>
        暂停招聘
      </Button>
    );
  }

  const submit = async () => {
    try {
      const result = await apply.mutateAsync({
        jobId,
        fairId,
        attachmentId: attachmentId || undefined,
      });
      setOpen(false);
      modal.success({ title: '投递成功', content: result.message });
    } catch (err) {
      if (isApiError(err, 'QUOTA_EXCEEDED')) {
        setOpen(false);
        modal.warning({
          title: '应聘名额已满',
          content: (
            <span>
              {describeError(err)} <Link to="/seeker/applications">去撤销</Link>
            </span>
          ),
        });
        return;
      }
      message.error(describeError(err));
    }
  };

  return (
    <>
      <Button
        type="primary"
        size={size}
        block={block}
        onClick={() => {
          setDialogLoaded(true);
          setOpen(true);
        }}
      >
        投递简历
      </Button>
      {dialogLoaded && (
        <Suspense fallback={null}>
          <ApplyDialog
            open={open}
            onOk={submit}
            onCancel={() => setOpen(false)}
            confirmLoading={apply.isPending}
            attachmentId={attachmentId}
            onAttachmentChange={setAttachmentId}
            attachments={attachments.data ?? []}
            quota={current.data?.quota}
          />
        </Suspense>
      )}
    </>
  );
}
