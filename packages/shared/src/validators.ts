import { z } from 'zod';

/**
 * Chinese identity formats and password rules, shared by the server and the web forms.
 * Pure functions first; zod schemas with Chinese messages at the bottom.
 */

// ---------------------------------------------------------------------------------------------
// Resident ID number (GB 11643-1999): 6-digit region, 8-digit birth date, 3-digit sequence,
// check character over ISO 7064 MOD 11-2 ('X' stands for 10).

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK_CHARS = '10X98765432';
/** Province-level codes in use (plus 81/82/83: residence permits of HK, Macau, Taiwan residents). */
const PROVINCE_CODES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52,
  53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83,
]);

/** The check character for the first 17 digits of an ID number. */
export function idNumberCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK_CHARS[sum % 11]!;
}

function isRealDate(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/** The birth date inside an 18-character ID number, `YYYYMMDD`, or null when malformed. */
export function idNumberBirthDate(idNumber: string): string | null {
  const v = idNumber.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(v)) return null;
  const y = Number(v.slice(6, 10));
  const m = Number(v.slice(10, 12));
  const d = Number(v.slice(12, 14));
  if (y < 1900 || !isRealDate(y, m, d)) return null;
  return v.slice(6, 14);
}

export function isValidIdNumber(value: string, today: Date = new Date()): boolean {
  const v = value.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(v)) return false;
  if (!PROVINCE_CODES.has(Number(v.slice(0, 2)))) return false;
  const birth = idNumberBirthDate(v);
  if (!birth) return false;
  const todayText = today.toISOString().slice(0, 10).replaceAll('-', '');
  if (birth > todayText) return false;
  return idNumberCheckChar(v.slice(0, 17)) === v[17];
}

/** Derived facts: gender from the 17th digit (odd = male), birth date as `YYYY-MM-DD`. */
export function idNumberFacts(idNumber: string): { gender: 'male' | 'female'; birthDate: string } {
  const v = idNumber.trim().toUpperCase();
  const b = v.slice(6, 14);
  return {
    gender: Number(v[16]) % 2 === 1 ? 'male' : 'female',
    birthDate: `${b.slice(0, 4)}-${b.slice(4, 6)}-${b.slice(6, 8)}`,
  };
}

/**
 * Hong Kong / Macau / Taiwan documents: the residence permit (居住证, 18 characters in the ID
 * number format with region 81/82/83), the HK/Macau travel permit (H/M + 8 or 10 digits), or
 * the Taiwan travel permit (8 or 10 digits).
 */
export function isValidPermitNumber(value: string): boolean {
  const v = value.trim().toUpperCase();
  if (/^8[123]\d{15}[\dX]$/.test(v)) return isValidIdNumber(v);
  return /^[HM]\d{8}(\d{2})?$/.test(v) || /^\d{8}(\d{2})?$/.test(v);
}

// ---------------------------------------------------------------------------------------------
// Unified social credit code (GB 32100-2015): 18 characters over 31 symbols (no I, O, Z, S, V),
// last one a MOD 31 check character.

const CREDIT_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The check character for the first 17 characters of a credit code, or null if malformed. */
export function creditCodeCheckChar(first17: string): string | null {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = CREDIT_CHARS.indexOf(first17[i] ?? '?');
    if (value < 0) return null;
    sum += value * CREDIT_WEIGHTS[i]!;
  }
  return CREDIT_CHARS[(31 - (sum % 31)) % 31]!;
}

export function isValidCreditCode(value: string): boolean {
  const v = value.trim().toUpperCase();
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(v)) return false;
  return creditCodeCheckChar(v.slice(0, 17)) === v[17];
}

// ---------------------------------------------------------------------------------------------
// Phones and masking

export const PHONE_PATTERN = /^1[3-9]\d{9}$/;
export const isValidPhone = (value: string) => PHONE_PATTERN.test(value.trim());

/**
 * The one phone mask: 13812341234 → 138****1234, 021-12345678 → 021*****5678 (first 3 and
 * last 4 kept); shorter than 8 characters → ****; no phone (null, undefined, '') → null.
 */
export function maskPhone(phone: string): string;
export function maskPhone(phone: string | null | undefined): string | null;
export function maskPhone(phone: string | null | undefined): string | null {
  const v = phone?.trim();
  if (!v) return null;
  if (v.length < 8) return '****';
  return `${v.slice(0, 3)}${'*'.repeat(v.length - 7)}${v.slice(-4)}`;
}

/** 110105194912310021 → 110***********0021 */
export function maskIdNumber(idNumber: string): string {
  const v = idNumber.trim().toUpperCase();
  if (v.length < 8) return '*'.repeat(v.length);
  return `${v.slice(0, 3)}${'*'.repeat(v.length - 7)}${v.slice(-4)}`;
}

// ---------------------------------------------------------------------------------------------
// Passwords

export type PasswordCheck = { ok: true } | { ok: false; rule: PasswordRuleId; reason: string };
export type PasswordRuleId =
  | 'format'
  | 'same_digit'
  | 'sequence'
  | 'repeated_pattern'
  | 'birth_date'
  | 'id_number_tail'
  | 'common'
  | 'length'
  | 'letters_and_digits';

/** The most used 6-digit PINs that no rule below already catches. */
const COMMON_PINS = new Set([
  '123321',
  '321123',
  '520131',
  '521521',
  '123654',
  '147258',
  '258369',
  '369258',
  '159753',
  '147369',
  '789456',
  '456123',
  '741852',
  '852963',
  '963852',
  '112358',
  '102030',
  '666888',
  '888666',
  '100200',
  '010203',
  '131420',
  '201314',
  '520530',
  '584520',
  // keypad shapes and steps found among the 50 most common PINs (spraying test, security/)
  '123789',
  '159357',
  '147852',
  '246810',
  '135790',
  '121314',
]);

const fail = (rule: PasswordRuleId, reason: string): PasswordCheck => ({ ok: false, rule, reason });

function isRun(pin: string): boolean {
  const steps = new Set<number>();
  for (let i = 1; i < pin.length; i++) steps.add((Number(pin[i]) - Number(pin[i - 1]) + 10) % 10);
  return steps.size === 1 && (steps.has(1) || steps.has(9));
}

function isRepeatedPattern(pin: string): boolean {
  const [a, b, c, d, e, f] = pin;
  return (
    (a === c && c === e && b === d && d === f) || // 121212
    (a === d && b === e && c === f) || // 123123, 520520
    (a === b && c === d && e === f) || // 112233
    (a === b && b === c && d === e && e === f) // 111222
  );
}

/** Six-digit slices of the birth date people reach for: 491231, 123149, 311249, 194912, 121949. */
function birthDatePieces(birth: string): string[] {
  const yyyy = birth.slice(0, 4);
  const yy = birth.slice(2, 4);
  const mm = birth.slice(4, 6);
  const dd = birth.slice(6, 8);
  return [yy + mm + dd, mm + dd + yy, dd + mm + yy, yyyy + mm, mm + yyyy, birth.slice(2, 8)];
}

/**
 * The 6-digit PIN of public job seekers (seed 004: "只能是6位数字"). A numeric secret this short
 * is only as good as its guessability, so the obvious ones are refused with a reason.
 */
export function checkPin(pin: string, context: { idNumber?: string | null } = {}): PasswordCheck {
  if (!/^\d{6}$/.test(pin)) return fail('format', '密码只能是6位数字');
  if (/^(\d)\1{5}$/.test(pin)) return fail('same_digit', '密码不能是同一个数字重复');
  if (isRun(pin)) return fail('sequence', '密码不能是连续的数字，如123456或654321');
  if (isRepeatedPattern(pin)) return fail('repeated_pattern', '密码不能是重复的数字组合，如123123');
  if (COMMON_PINS.has(pin)) return fail('common', '该密码过于常见，请换一个');
  const idNumber = context.idNumber?.trim().toUpperCase();
  if (idNumber) {
    const birth = idNumberBirthDate(idNumber);
    if (birth && birthDatePieces(birth).includes(pin)) {
      return fail('birth_date', '密码不能使用出生日期');
    }
    if (idNumber.slice(-6) === pin) return fail('id_number_tail', '密码不能是身份证号后六位');
  }
  return { ok: true };
}

/** Every account that is not a public seeker: at least 8 characters with letters and digits. */
export function checkStandardPassword(password: string): PasswordCheck {
  if (password.length < 8 || password.length > 64) {
    return fail('length', '密码长度须为8至64个字符');
  }
  if (!/[A-Za-z]/.test(password) || !/\d/.test(password)) {
    return fail('letters_and_digits', '密码须同时包含字母和数字');
  }
  return { ok: true };
}

// ---------------------------------------------------------------------------------------------
// zod schemas (values come out trimmed; ID numbers and credit codes upper-cased)

export const idNumberSchema = z
  .string()
  .trim()
  .toUpperCase()
  .refine((v) => isValidIdNumber(v), '身份证号码格式或校验位不正确');

export const permitNumberSchema = z
  .string()
  .trim()
  .toUpperCase()
  .refine((v) => isValidPermitNumber(v), '通行证或居住证号码格式不正确');

export const creditCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .refine((v) => isValidCreditCode(v), '统一社会信用代码格式或校验位不正确');

export const phoneSchema = z.string().trim().regex(PHONE_PATTERN, '请输入正确的11位手机号码');

export const smsCodeSchema = z
  .string()
  .trim()
  .regex(/^\d{6}$/, '短信验证码为6位数字');

/** Format only; `checkPin` adds the guessability rules that need the ID number. */
export const pinSchema = z.string().regex(/^\d{6}$/, '密码只能是6位数字');

export const standardPasswordSchema = z.string().superRefine((value, ctx) => {
  const result = checkStandardPassword(value);
  if (!result.ok) ctx.addIssue({ code: 'custom', message: result.reason });
});
