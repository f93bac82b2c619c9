// Fair and sign-up states, their workflows and labels: plain data without zod (see
// job-options.ts). jobfairs.ts re-exports it.
import type { TransitionTable } from './workflow.ts';

export const fairStatuses = ['draft', 'published', 'closed'] as const;
export type FairStatus = (typeof fairStatuses)[number];
export const fairTransitions: TransitionTable<FairStatus, 'publish' | 'close'> = {
  draft: { publish: 'published' },
  published: { close: 'closed' },
  closed: {},
};

export const signupStatuses = ['pending', 'approved', 'rejected'] as const;
export type SignupStatus = (typeof signupStatuses)[number];
export type SignupEvent = 'approve' | 'reject' | 'reapply';
export const signupTransitions: TransitionTable<SignupStatus, SignupEvent> = {
  pending: { approve: 'approved', reject: 'rejected' },
  rejected: { reapply: 'pending' },
  approved: {},
};
export const signupStatusLabels: Record<SignupStatus, string> = {
  pending: '待审核',
  approved: '已通过',
  rejected: '已驳回',
};

export const fairTypeLabels = { online: '网络招聘会', offline: '现场招聘会' } as const;
