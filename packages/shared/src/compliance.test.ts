import { describe, expect, it } from 'vitest';
import { checkCompliance, hasBlockingFlag } from './compliance.ts';

const check = (description: string) => checkCompliance({ description });
const severityOf = (text: string, category: string) =>
  check(text).find((f) => f.category === category)?.severity ?? null;

/** category → wording that is a clear violation, and wording that is only doubtful. */
const cases: Record<string, { block: string[]; review: string[] }> = {
  性别: {
    block: ['限男性', '只招女生', '仅限女性', '男士优先', '不招女', '身高170以上，限男'],
    review: ['性别：面议', '适合女性从事的工作', '性别不限'],
  },
  民族: {
    block: ['限汉族', '汉族优先', '不招少数民族', '仅招汉族员工'],
    review: ['请注明民族', '汉族、回族均可'],
  },
  宗教信仰: {
    block: ['无宗教信仰', '不招穆斯林', '限无信仰者'],
    review: ['有宗教信仰者请说明', '尊重员工信仰'],
  },
  婚育状况: {
    block: ['未婚', '已婚已育优先', '未育者勿投', '入职三年内不生育', '2年内不要孩子'],
    review: ['请说明婚姻状况', '孕期女职工请说明', '婚育情况'],
  },
  '户籍/地域': {
    block: ['限本市户口', '须有上海户籍', '本地户口优先', '河南人勿扰', '仅招本地人', '不招外地人'],
    review: ['请注明籍贯', '可协助办理户口迁移', '户籍不限'],
  },
  乙肝: {
    block: [
      '乙肝携带者勿扰',
      '入职需查两对半',
      '大三阳不录用',
      '需提供HBsAg阴性报告',
      '不接受乙肝',
    ],
    review: ['无传染病', '入职体检合格'],
  },
  '押金/收费': {
    block: [
      '入职需交押金500元',
      '收取服装费200元',
      '培训费自理',
      '需缴纳保证金',
      '体检费自理',
      '入职扣押身份证',
    ],
    review: ['入职先交资料费', '费用自理', '需到指定机构缴费'],
  },
};

describe('checkCompliance', () => {
  for (const [category, { block, review }] of Object.entries(cases)) {
    describe(category, () => {
      for (const text of block) {
        it(`blocks 「${text}」`, () => {
          const flags = check(text);
          const flag = flags.find((f) => f.category === category);
          expect(flag, JSON.stringify(flags)).toBeDefined();
          expect(flag!.severity).toBe('block');
          expect(flag!.reason).toMatch(/法|人社部/);
          expect(text).toContain(flag!.term);
          expect(hasBlockingFlag(flags)).toBe(true);
        });
      }
      for (const text of review) {
        it(`sends 「${text}」 to review, without blocking`, () => {
          const flags = check(text);
          expect(severityOf(text, category), JSON.stringify(flags)).toBe('review');
          expect(hasBlockingFlag(flags)).toBe(false);
        });
      }
    });
  }

  it('names the field a term was found in', () => {
    const flags = checkCompliance({
      title: '电话销售（限男性）',
      occupation: '销售代表',
      description: '负责电话回访',
      skills: '需交押金',
    });
    expect(flags.map((f) => [f.field, f.category, f.severity])).toEqual([
      ['职位名称', '性别', 'block'],
      ['技能要求', '押金/收费', 'block'],
    ]);
  });

  it('reports a clear violation once per category and field, even next to doubtful words', () => {
    const flags = check('性别：限男性');
    expect(flags).toHaveLength(1);
    expect(flags[0]).toMatchObject({ category: '性别', severity: 'block', term: '限男性' });
  });

  describe('ordinary postings pass', () => {
    const ordinary = [
      '电话销售',
      '男女不限',
      '不限男女，年龄18-45岁',
      '负责电话回访客户，维护客户关系，完成销售目标。',
      '普通话标准，沟通能力强，熟悉PHP、MySQL。',
      '五险一金（含生育保险），带薪年假，节日福利。',
      '公司提供免费岗前培训，不收取任何押金。',
      '公司承担培训费，报销体检费用。',
      '入职体检不查乙肝，不歧视乙肝病毒携带者。',
      '男装导购，负责门店陈列与顾客接待。',
      '民族品牌，中华民族传统工艺传承。',
      '负责房屋抵押贷款业务的客户开发。',
      '免费提供工作服，包吃住。',
      '设计工程师：负责结构设计与图纸审核。',
      '人事行政专员：办理员工入离职、社保缴纳。',
      '前端开发：熟悉 React、TypeScript。',
    ];
    for (const text of ordinary) {
      it(`「${text}」`, () => {
        expect(check(text)).toEqual([]);
      });
    }
  });

  it('checks nothing when the fields are empty', () => {
    expect(checkCompliance({ title: '', description: null, skills: undefined })).toEqual([]);
  });
});
