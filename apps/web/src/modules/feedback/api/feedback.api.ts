import type {
  FeedbackEvent,
  FeedbackItem,
  FeedbackKind,
  FeedbackQueue,
  FeedbackState,
  SubmitFeedbackBody,
} from '@hirehall/shared/feedback';
import { api } from '../../../lib/api.ts';

export const feedbackKeys = {
  mine: ['feedback', 'mine'] as const,
  queue: (filter: object) => ['feedback', 'queue', filter] as const,
};

export const submitFeedback = (body: Partial<SubmitFeedbackBody>) =>
  api<FeedbackItem>('/api/feedback', { method: 'POST', body });

export const listMyFeedback = () => api<FeedbackItem[]>('/api/feedback/mine');

export async function uploadScreenshot(file: File): Promise<string> {
  const form = new FormData();
  form.append('file', file);
  const { fileId } = await api<{ fileId: string }>('/api/feedback/screenshots', {
    method: 'POST',
    body: form,
  });
  return fileId;
}

export const screenshotUrl = (fileId: string) => `/api/feedback/screenshots/${fileId}`;

export const listFeedbackQueue = (filter: {
  status?: FeedbackState;
  kind?: FeedbackKind;
  page?: number;
}) => api<FeedbackQueue>('/api/admin/feedback', { query: { ...filter, pageSize: 20 } });

export const moveFeedback = (id: string, event: FeedbackEvent) =>
  api<FeedbackItem>(`/api/admin/feedback/${id}/transition`, { method: 'POST', body: { event } });

export const replyFeedback = (id: string, body: string, resolve: boolean) =>
  api<FeedbackItem>(`/api/admin/feedback/${id}/replies`, {
    method: 'POST',
    body: { body, resolve },
  });
