import {
  educationValues,
  employmentTypeValues,
  positionTypes,
  workDistricts,
} from '@hirehall/shared/jobs';

/** Deterministic pseudo-random numbers (mulberry32), so generated data is reproducible. */
export function randomFrom(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  return { next, int, pick };
}

const prefixes = ['高级', '初级', '资深', '见习', '储备', '驻场', '兼职', '', '', '', ''];
const roles = [
  ['电话销售', '销售代表'],
  ['销售经理', '销售代表'],
  ['汽车维修技工', '技工'],
  ['数控技工', '技工'],
  ['电工', '技工'],
  ['PHP工程师', '软件开发'],
  ['Java开发工程师', '软件开发'],
  ['前端开发', '软件开发'],
  ['UI设计师', '设计'],
  ['设计工程师', '工程设计'],
  ['人事行政专员', '人力资源'],
  ['招聘专员', '人力资源'],
  ['会计', '财务'],
  ['出纳', '财务'],
  ['仓库管理员', '物流'],
  ['快递配送员', '物流'],
  ['厨师', '餐饮'],
  ['服务员', '餐饮'],
  ['保安', '安保'],
  ['保洁员', '物业'],
  ['护士', '医疗'],
  ['幼儿教师', '教育'],
  ['英语老师', '教育'],
  ['审核员', '认证审核'],
  ['质量管理体系审核员', '认证审核'],
  ['客服专员', '客户服务'],
  ['新媒体运营', '运营'],
  ['产品经理', '产品'],
  ['数据分析师', '数据'],
  ['C++工程师', '软件开发'],
];
const suffixes = ['', '', '', '（急招）', '（应届生）', '（浦东）', 'A岗', 'B岗', ' 2026届'];
const employers = [
  '才立方',
  '萃思',
  '华为技术有限公司',
  '上海申通',
  '东方明珠',
  '浦发物业',
  '嘉定汽车城',
];

export interface GeneratedJob {
  title: string;
  occupation: string;
  description: string;
  skills: string;
  salaryMin: number;
  salaryMax: number;
  education: string;
  ageMin: number;
  ageMax: number;
  employmentType: string;
  district: string;
  region: string | null;
  headcount: number;
  probationMonths: number;
  probationSalary: number;
  positionType: string | null;
}

export function generateJob(r: ReturnType<typeof randomFrom>): GeneratedJob {
  const [role, occupation] = r.pick(roles);
  const title = `${r.pick(prefixes)}${role}${r.pick(suffixes)}`.trim();
  const band = r.int(0, 13);
  const salaryMin = band === 0 ? 1000 + r.int(0, 4) * 100 : 1500 + (band - 1) * 1000;
  const salaryMax = band === 0 ? 1499 : salaryMin + (r.next() < 0.7 ? 999 : 1999);
  const ageMin = r.pick([16, 18, 20, 22]);
  return {
    title,
    occupation: occupation!,
    description: `${r.pick(employers)}诚聘${role}，负责相关岗位工作，五险一金，双休。`,
    skills: `具备${occupation}相关经验者优先，沟通能力良好。`,
    salaryMin,
    salaryMax,
    education: r.pick(educationValues),
    ageMin,
    ageMax: r.pick([35, 40, 45, 50, 55, 60]),
    employmentType: r.pick(employmentTypeValues),
    district: r.pick(workDistricts),
    region: occupation === '认证审核' ? r.pick(['上海', '北京', '成都', '西安', '南昌']) : null,
    headcount: r.int(1, 20),
    probationMonths: r.int(0, 6),
    probationSalary: Math.round(salaryMin * 0.8),
    positionType: occupation === '认证审核' ? r.pick(positionTypes) : null,
  };
}
