import type { ComplianceFlag } from './jobs.ts';

/**
 * Checks posting text for requirements Chinese employment law forbids (《就业促进法》,
 * 《妇女权益保障法》, the hepatitis-B rules, and the ban on deposits). `block` terms are clear
 * violations and stop publishing; `review` terms are doubtful and send the posting to review.
 */
interface Rule {
  category: string;
  reason: string;
  block: RegExp[];
  review: RegExp[];
}

/**
 * `term` not preceded (within a few characters of the same clause) by a word that negates it:
 * 不收取任何押金, 公司承担培训费 and 不查乙肝 promise the lawful thing and must pass.
 */
function unlessNegated(negations: string, term: string, flags = '') {
  return new RegExp(`(?<!(?:${negations})[^，。；、,;.!！？?\\s]{0,8})(?:${term})`, flags);
}

const noFee = '无|不收|不需|无需|免|没有|承担|报销|不用|绝不|严禁|杜绝|不得';
const noTest = '不查|不检|不做|不歧视|不限|不要求|不需|无需|免|不含|不设|不得|严禁|杜绝|取消';

const rules: Rule[] = [
  {
    category: '性别',
    reason: '招聘不得以性别为由拒绝录用或提高录用标准（就业促进法第二十七条）',
    block: [
      /(?<!不)(限|只招|只要|仅招|仅限|须为|必须是)(男|女)(?![女男])(性|生|士)?/,
      /(男|女)(性|生|士)优先/,
      /不招(男|女)/,
    ],
    review: [/性别/, /男性|女性/],
  },
  {
    category: '民族',
    reason: '招聘不得因民族不同而歧视劳动者（就业促进法第三条）',
    block: [/(?<!不)(限|只招|仅招|仅限)汉族/, /汉族优先/, /不招.{0,4}(少数民族|维吾尔|藏族|回族)/],
    review: [/(?<!中华)民族(?!品牌|企业|工业|复兴|特色)/, /汉族/],
  },
  {
    category: '宗教信仰',
    reason: '招聘不得因宗教信仰不同而歧视劳动者（就业促进法第三条）',
    block: [/无宗教信仰/, /不招.{0,4}(信教|穆斯林|基督徒|佛教徒)/, /(?<!不)限.{0,2}信仰/],
    review: [/宗教/, /信仰/],
  },
  {
    category: '婚育状况',
    reason: '招聘不得限制婚姻、生育状况（妇女权益保障法第四十三条）',
    block: [/未婚/, /已婚已育/, /未育/, /已育/, /(不|暂不|\d+年内不)(生育|生孩子|要孩子)/],
    review: [/婚姻|婚育|生育(?!保险|津贴|假)|怀孕|孕期/],
  },
  {
    category: '户籍/地域',
    reason: '招聘不得以户籍或地域限制劳动者（就业促进法第三条）',
    block: [
      /(?<!不)(限|只招|仅招|仅限|须有)(本地|本市|上海|沪)?(户口|户籍)/,
      /(?<!不限)(本地|本市)(户口|户籍)/,
      /(?<!不)(限|只招|仅招|仅限)(本地|本市|上海)人/,
      /(\S{1,3}人|外地人)勿扰/,
      /不招.{0,4}(外地人|外省人|农村户口)/,
    ],
    review: [/户口|户籍|籍贯|本地人|外地人/],
  },
  {
    category: '乙肝',
    reason: '不得要求乙肝检测或以携带乙肝病毒为由拒绝录用（人社部发〔2010〕12号）',
    block: [unlessNegated(noTest, '乙肝|澳抗|两对半|大三阳|小三阳|hbsag', 'i')],
    review: [/传染病|体检合格/],
  },
  {
    category: '押金/收费',
    reason: '用人单位不得以任何名义向劳动者收取财物（劳动合同法第九条）',
    block: [
      unlessNegated(noFee, '押金|保证金|风险金|服装费|工装费|培训费|报名费|介绍费|体检费自理'),
      /(扣押|抵押)(身份证|证件|毕业证|学历证)/,
    ],
    review: [unlessNegated(noFee, '收费|缴费|先交|交纳|费用自理')],
  },
];

export interface ComplianceInput {
  title?: string | null;
  occupation?: string | null;
  description?: string | null;
  skills?: string | null;
}

const fieldNames: Record<keyof ComplianceInput, string> = {
  title: '职位名称',
  occupation: '职业',
  description: '职位描述',
  skills: '技能要求',
};

export function checkCompliance(input: ComplianceInput): ComplianceFlag[] {
  const flags: ComplianceFlag[] = [];
  for (const field of Object.keys(fieldNames) as (keyof ComplianceInput)[]) {
    const value = input[field];
    if (!value) continue;
    for (const rule of rules) {
      const blocked = rule.block.map((r) => value.match(r)).find(Boolean);
      const doubtful = blocked ? null : rule.review.map((r) => value.match(r)).find(Boolean);
      const hit = blocked ?? doubtful;
      if (!hit) continue;
      flags.push({
        field: fieldNames[field],
        term: hit[0],
        category: rule.category,
        reason: rule.reason,
        severity: blocked ? 'block' : 'review',
      });
    }
  }
  return flags;
}

export const hasBlockingFlag = (flags: ComplianceFlag[]) =>
  flags.some((f) => f.severity === 'block');
