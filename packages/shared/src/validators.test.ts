import { describe, expect, it } from 'vitest';
import {
  checkPin,
  checkStandardPassword,
  creditCodeCheckChar,
  creditCodeSchema,
  idNumberCheckChar,
  idNumberFacts,
  idNumberSchema,
  isValidCreditCode,
  isValidIdNumber,
  isValidPermitNumber,
  isValidPhone,
  maskIdNumber,
  maskPhone,
  phoneSchema,
} from './validators.ts';

describe('resident ID number (GB 11643)', () => {
  it.each([
    '11010519491231002X',
    '11010519491231002x',
    '440304199003071213',
    '310115198506120034',
    '110101198001010010',
  ])('accepts %s', (v) => expect(isValidIdNumber(v)).toBe(true));

  it.each([
    ['wrong check character', '110105194912310021'],
    ['17 characters', '11010519491231002'],
    ['letter inside', '1101051949123100AX'],
    ['unknown province 99', '990105194912310025'],
    ['30 February', '110105199002300011'],
    ['born before 1900', '110105189901010011'],
  ])('refuses %s', (_why, v) => expect(isValidIdNumber(v)).toBe(false));

  it('refuses a birth date in the future', () => {
    const first17 = '11010520300101001';
    expect(isValidIdNumber(first17 + idNumberCheckChar(first17), new Date('2026-01-01'))).toBe(
      false,
    );
  });

  it('computes the check character, X for 10', () => {
    expect(idNumberCheckChar('11010519491231002')).toBe('X');
    expect(idNumberCheckChar('44030419900307121')).toBe('3');
  });

  it('derives gender and birth date', () => {
    expect(idNumberFacts('11010519491231002X')).toEqual({
      gender: 'female',
      birthDate: '1949-12-31',
    });
    expect(idNumberFacts('440304199003071213').gender).toBe('male');
  });

  it('schema trims, upper-cases and reports in Chinese', () => {
    expect(idNumberSchema.parse(' 11010519491231002x ')).toBe('11010519491231002X');
    const r = idNumberSchema.safeParse('110105194912310021');
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe('身份证号码格式或校验位不正确');
  });
});

describe('HK / Macau / Taiwan permits', () => {
  it.each(['810000199001010019', '830000198505050021', 'H12345678', 'M1234567890', '12345678'])(
    'accepts %s',
    (v) => expect(isValidPermitNumber(v)).toBe(true),
  );
  it.each(['810000199001010010', 'X12345678', 'H1234567', '1234567'])('refuses %s', (v) =>
    expect(isValidPermitNumber(v)).toBe(false),
  );
});

describe('unified social credit code (GB 32100)', () => {
  it.each(['91350100M000100Y43', '91110000100000001W', '91310000MA1FL0000N', '12100000400000000W'])(
    'accepts %s',
    (v) => expect(isValidCreditCode(v)).toBe(true),
  );

  it.each([
    ['wrong check character', '91350100M000100Y44'],
    ['forbidden letter I', '91350100I000100Y43'],
    ['forbidden letter O in check position', '91350100M000100Y4O'],
    ['letters in the region code', '9135A100M000100Y43'],
    ['17 characters', '91350100M000100Y4'],
  ])('refuses %s', (_why, v) => expect(isValidCreditCode(v)).toBe(false));

  it('computes the check character, 0 when the remainder is 0', () => {
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3');
    expect(creditCodeCheckChar('9135010IM000100Y4')).toBeNull();
  });

  it('schema upper-cases lower-case input', () => {
    expect(creditCodeSchema.parse('91350100m000100y43')).toBe('91350100M000100Y43');
    expect(creditCodeSchema.safeParse('91350100M000100Y44').error?.issues[0]?.message).toBe(
      '统一社会信用代码格式或校验位不正确',
    );
  });
});

describe('mainland mobile phone', () => {
  it('accepts 1[3-9] followed by 9 digits', () => {
    expect(isValidPhone('13812341234')).toBe(true);
    expect(isValidPhone('19900001111')).toBe(true);
    expect(phoneSchema.parse(' 15012345678 ')).toBe('15012345678');
  });
  it.each(['12812341234', '1381234123', '138123412345', '+8613812341234', '1381234123a'])(
    'refuses %s',
    (v) => expect(isValidPhone(v)).toBe(false),
  );
});

describe('masking', () => {
  it('masks phones and ID numbers', () => {
    expect(maskPhone('13812341234')).toBe('138****1234');
    expect(maskPhone(' 13812341234 ')).toBe('138****1234');
    expect(maskPhone('021-12345678')).toBe('021*****5678');
    expect(maskPhone('1234567')).toBe('****');
    expect(maskPhone(null)).toBeNull();
    expect(maskPhone(undefined)).toBeNull();
    expect(maskPhone('')).toBeNull();
    expect(maskIdNumber('11010519491231002x')).toBe('110***********002X');
    expect(maskIdNumber('110105194912310021')).toHaveLength(18);
  });
});

describe('6-digit PIN', () => {
  const id = '11010519491231002X'; // born 1949-12-31

  it.each(['385926', '704913', '290475'])('accepts %s', (pin) =>
    expect(checkPin(pin, { idNumber: id })).toEqual({ ok: true }),
  );

  it.each([
    ['12345', 'format'],
    ['1234567', 'format'],
    ['12345a', 'format'],
    ['000000', 'same_digit'],
    ['888888', 'same_digit'],
    ['123456', 'sequence'],
    ['654321', 'sequence'],
    ['012345', 'sequence'],
    ['890123', 'sequence'],
    ['123123', 'repeated_pattern'],
    ['520520', 'repeated_pattern'],
    ['112233', 'repeated_pattern'],
    ['111222', 'repeated_pattern'],
    ['121212', 'repeated_pattern'],
    ['123321', 'common'],
    ['147258', 'common'],
    ['159753', 'common'],
  ])('refuses %s (%s)', (pin, rule) => {
    const result = checkPin(pin, { idNumber: id });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.rule).toBe(rule);
      expect(result.reason).toMatch(/[\u4e00-\u9fa5]/);
    }
  });

  it.each(['491231', '123149', '311249', '194912', '121949'])(
    'refuses the birth date piece %s',
    (pin) => expect(checkPin(pin, { idNumber: id })).toMatchObject({ rule: 'birth_date' }),
  );

  it('refuses the last six characters of the ID number', () => {
    expect(checkPin('003421', { idNumber: '440304199003071213' }).ok).toBe(true);
    expect(checkPin('071213', { idNumber: '440304199003071213' })).toMatchObject({
      rule: 'id_number_tail',
    });
  });

  it('without an ID number, birth dates are not known', () => {
    expect(checkPin('491231')).toEqual({ ok: true });
  });
});

describe('staff password', () => {
  it('needs at least 8 characters with letters and digits', () => {
    expect(checkStandardPassword('abc12345')).toEqual({ ok: true });
    expect(checkStandardPassword('abc1234')).toMatchObject({ ok: false, rule: 'length' });
    expect(checkStandardPassword('abcdefgh')).toMatchObject({ rule: 'letters_and_digits' });
    expect(checkStandardPassword('12345678')).toMatchObject({ rule: 'letters_and_digits' });
  });
});
