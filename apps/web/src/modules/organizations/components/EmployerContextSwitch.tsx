import { useEffect, useMemo, useRef } from 'react';
import { Select, Tooltip } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useAuth, useSignedInAccount } from '../../../app/session.ts';
import { describeError } from '../../../lib/api.ts';
import {
  fetchAdmissions,
  organizationKeys,
  switchEmployerContext,
} from '../api/organizations.api.ts';
import { useIsMobile } from '../../../lib/useIsMobile.ts';
import { useFeedback } from '../../../app/AppFeedback.tsx';

/** School and graduation-year switch at the top of the employer console (approved only). */
export function EmployerContextSwitch() {
  const account = useSignedInAccount();
  const { setAccount } = useAuth();
  const queryClient = useQueryClient();
  const { message } = useFeedback();
  const isMobile = useIsMobile();
  const admissions = useQuery({ queryKey: organizationKeys.admissions, queryFn: fetchAdmissions });
  const approved = useMemo(
    () => (admissions.data ?? []).filter((item) => item.status === 'approved'),
    [admissions.data],
  );
  const schools = useMemo(() => {
    const byId = new Map<string, string>();
    for (const item of approved) byId.set(item.schoolId, item.schoolName);
    return [...byId].map(([value, label]) => ({ value, label }));
  }, [approved]);

  const { schoolId, graduationYear } = account.context;
  const years = approved
    .filter((item) => item.schoolId === schoolId)
    .map((item) => item.graduationYear)
    .sort((a, b) => b - a);

  const mutation = useMutation({
    mutationFn: switchEmployerContext,
    onSuccess: (next) => {
      setAccount(next);
      void queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'auth' });
    },
    onError: (error) => message.error(describeError(error)),
  });

  // first visit after approval: work at the first approved school and its latest year
  const autoPicked = useRef(false);
  const first = approved[0];
  const { mutate } = mutation;
  useEffect(() => {
    if (schoolId || !first || autoPicked.current) return;
    autoPicked.current = true;
    mutate({ schoolId: first.schoolId, graduationYear: first.graduationYear });
  }, [schoolId, first, mutate]);

  if (admissions.isPending || admissions.isError) return null;
  if (approved.length === 0) {
    return (
      <Tooltip title="学校审核通过后，可在这里切换学校和毕业年份">
        <span style={{ color: 'rgba(0,0,0,0.45)', fontSize: 13 }}>尚无审核通过的学校</span>
      </Tooltip>
    );
  }

  const switchTo = (nextSchool: string, nextYear?: number) => {
    const year =
      nextYear ??
      approved
        .filter((item) => item.schoolId === nextSchool)
        .map((item) => item.graduationYear)
        .sort((a, b) => b - a)[0];
    if (year === undefined) return;
    mutation.mutate(
      { schoolId: nextSchool, graduationYear: year },
      { onSuccess: () => message.success('已切换') },
    );
  };

  const wide = !isMobile;
  return (
    <div
      style={{ display: 'flex', gap: 6, alignItems: 'center', width: wide ? undefined : '100%' }}
    >
      <Select
        aria-label="当前学校"
        placeholder="选择学校"
        value={schoolId}
        options={schools}
        onChange={(value: string) => switchTo(value)}
        loading={mutation.isPending}
        disabled={mutation.isPending}
        style={wide ? { width: 200 } : { flex: 1, minWidth: 0 }}
        popupMatchSelectWidth={false}
      />
      <Select
        aria-label="毕业年份"
        placeholder="年份"
        value={graduationYear}
        options={years.map((year) => ({ value: year, label: `${year}届` }))}
        onChange={(value: number) => schoolId && switchTo(schoolId, value)}
        disabled={!schoolId || mutation.isPending}
        style={{ width: wide ? 100 : 96 }}
      />
    </div>
  );
}
