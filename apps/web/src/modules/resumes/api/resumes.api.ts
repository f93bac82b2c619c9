import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ConfirmedFacts,
  ConfirmFactsInput,
  Resume,
  ResumeAccess,
  ResumeAttachment,
  ResumeContent,
  StaffSeeker,
} from '@hirehall/shared/resumes';
import { api } from '../../../lib/api.ts';

export const resumeKeys = {
  resume: ['resume'] as const,
  attachments: ['resume', 'attachments'] as const,
  accessLog: ['resume', 'access-log'] as const,
  staffSeekers: (q: string) => ['staff-seekers', q] as const,
};

export const useResume = () =>
  useQuery({ queryKey: resumeKeys.resume, queryFn: () => api<Resume>('/api/resume') });

export const useAttachments = (enabled = true) =>
  useQuery({
    queryKey: resumeKeys.attachments,
    queryFn: () => api<ResumeAttachment[]>('/api/resume/attachments'),
    enabled,
  });

export const useAccessLog = () =>
  useQuery({
    queryKey: resumeKeys.accessLog,
    queryFn: () => api<ResumeAccess[]>('/api/resume/access-log'),
  });

export function useSaveResume() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { content: ResumeContent; version: number }) =>
      api<Resume>('/api/resume', { method: 'PUT', body: input }),
    onSuccess: (data) => qc.setQueryData(resumeKeys.resume, data),
  });
}

export function useConfirmFacts() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: ConfirmFactsInput) =>
      api<Resume>('/api/resume/facts', { method: 'POST', body: input }),
    onSuccess: (data) => qc.setQueryData(resumeKeys.resume, data),
  });
}

export function useUploadAttachment() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file);
      return api<ResumeAttachment>('/api/resume/attachments', { method: 'POST', body: form });
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: resumeKeys.attachments }),
  });
}

export function useDeleteAttachment() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>(`/api/resume/attachments/${id}`, { method: 'DELETE' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: resumeKeys.attachments }),
  });
}

export const ownAttachmentUrl = (id: string) => `/api/resume/attachments/${id}/download`;
export const employerAttachmentUrl = (id: string) =>
  `/api/employer/resume-attachments/${id}/download`;

/** School / college staff: their activated graduates by name or student number. */
export const useStaffSeekers = (q: string) =>
  useQuery({
    queryKey: resumeKeys.staffSeekers(q),
    queryFn: () => api<StaffSeeker[]>('/api/staff/seekers', { query: { q } }),
    enabled: q.length > 0,
  });

export function useCorrectFacts() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({
      accountId,
      ...body
    }: ConfirmFactsInput & { accountId: string; reason: string }) =>
      api<ConfirmedFacts>(`/api/staff/seekers/${accountId}/facts`, { method: 'PUT', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['staff-seekers'] }),
  });
}
