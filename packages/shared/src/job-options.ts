// Job posting options, labels, salary bands and the posting workflow: plain data without zod,
// so seeker pages that only show postings do not load the schema library. jobs.ts re-exports it.
import type { TransitionTable } from './workflow.ts';

/** 文化程度 (seed 004 §3), highest first. */
export const educationLevels = [
  { value: 'master', label: '硕士研究生及以上' },
  { value: 'bachelor', label: '大学本科' },
  { value: 'college', label: '大学专科/高职' },
  { value: 'highschool', label: '高中/中专/技校' },
  { value: 'junior', label: '初中或以下' },
] as const;
export type EducationLevel = (typeof educationLevels)[number]['value'];
export const educationValues = educationLevels.map((e) => e.value) as [
  EducationLevel,
  ...EducationLevel[],
];

/** 工作性质 (seed 004 §3). */
export const employmentTypes = [
  { value: 'full_time', label: '全日制劳动合同' },
  { value: 'public_institution', label: '事业单位聘用合同' },
  { value: 'insurance_agent', label: '保险代理人' },
  { value: 'youth_trainee', label: '青年职业见习计划' },
  { value: 'informal', label: '非正规就业劳动组织用工' },
] as const;
export type EmploymentType = (typeof employmentTypes)[number]['value'];
export const employmentTypeValues = employmentTypes.map((e) => e.value) as [
  EmploymentType,
  ...EmploymentType[],
];

/** 上海市各区 plus 外省市 (seed 004 §3). The filter adds 全市 (any district) and 不限. */
export const shanghaiDistricts = [
  '黄浦区',
  '徐汇区',
  '长宁区',
  '静安区',
  '普陀区',
  '虹口区',
  '杨浦区',
  '闵行区',
  '宝山区',
  '嘉定区',
  '浦东新区',
  '金山区',
  '松江区',
  '青浦区',
  '奉贤区',
  '崇明区',
] as const;
export const OUTSIDE_CITY = '外省市';
export const WHOLE_CITY = '全市';
export const workDistricts = [...shanghaiDistricts, OUTSIDE_CITY] as const;

/** 岗位类型 for certification jobs (seed 003). */
export const positionTypes = ['审核员', '实习审核员', '高级审核员', '技术专家', '培训讲师', '其他'];
export const ageLimits = { min: 16, max: 65 } as const;

export const labelOf = (
  list: readonly { value: string; label: string }[],
  value: string | null | undefined,
) => list.find((i) => i.value === value)?.label ?? '不限';

/* ---------- salary bands: 1500以下, 1500-2499, 2500-3499 … 14500-15499, 15500以上 ---------- */
export const SALARY_FLOOR = 1500;
export const SALARY_STEP = 1000;
export const SALARY_TOP = 15500;

export interface SalaryBand {
  label: string;
  min: number | null;
  max: number | null;
}

export const salaryBands: SalaryBand[] = [
  { label: '1500以下', min: null, max: SALARY_FLOOR - 1 },
  ...Array.from({ length: (SALARY_TOP - SALARY_FLOOR) / SALARY_STEP }, (_, i) => {
    const min = SALARY_FLOOR + i * SALARY_STEP;
    return { label: `${min}-${min + SALARY_STEP - 1}`, min, max: min + SALARY_STEP - 1 };
  }),
  { label: `${SALARY_TOP}以上`, min: SALARY_TOP, max: null },
];

function bandOf(amount: number): SalaryBand {
  if (amount < SALARY_FLOOR) return salaryBands[0]!;
  if (amount >= SALARY_TOP) return salaryBands[salaryBands.length - 1]!;
  return salaryBands[1 + Math.floor((amount - SALARY_FLOOR) / SALARY_STEP)]!;
}

/** Monthly pay as shown to people: a band (7500-8499, 1500以下) or the range itself. */
export function formatSalary(min: number | null | undefined, max: number | null | undefined) {
  if (min == null && max == null) return '面议';
  const lo = min ?? max!;
  const hi = max ?? min!;
  const a = bandOf(lo);
  const b = bandOf(hi);
  if (a === b) return a.label;
  return `${lo}-${hi}`;
}

/* ---------- posting workflow ---------- */
export const jobStatuses = [
  'draft',
  'in_review',
  'published',
  'paused',
  'closed',
  'returned',
] as const;
export type JobStatus = (typeof jobStatuses)[number];
export type JobEvent =
  'publish' | 'submit_review' | 'approve' | 'return' | 'pause' | 'resume' | 'flag' | 'close';

export const jobTransitions: TransitionTable<JobStatus, JobEvent> = {
  draft: { publish: 'published', submit_review: 'in_review', close: 'closed' },
  returned: { publish: 'published', submit_review: 'in_review', close: 'closed' },
  in_review: { approve: 'published', return: 'returned', close: 'closed' },
  published: { pause: 'paused', close: 'closed', flag: 'in_review' },
  paused: { resume: 'published', close: 'closed', flag: 'in_review' },
  closed: {},
};

export const jobStatusLabels: Record<JobStatus, string> = {
  draft: '草稿',
  in_review: '待审核',
  published: '招聘中',
  paused: '已暂停',
  closed: '已结束',
  returned: '已退回',
};
/** States that count against the organization's active-posting cap. */
export const activeJobStatuses: JobStatus[] = ['in_review', 'published', 'paused'];
/** Active postings per organization kind; null = no cap. An organization's
 *  `settings.activePostingCap` overrides this. */
export const defaultActivePostingCaps: Record<'company' | 'institution', number | null> = {
  company: null,
  institution: 10,
};
export const FAVORITES_LIMIT = 10;
