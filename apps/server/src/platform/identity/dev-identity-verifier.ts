import type { IdentityClaim, IdentityResult, IdentityVerifier } from './identity-verifier.ts';

export const DEV_ALIPAY_SUFFIX = '@dev.hirehall';
export const DEV_FACE_TOKEN = 'dev-face-ok';

/** Luhn (mod 10) check used by bank card numbers. */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/**
 * Development provider: nothing leaves the machine. Accepts documented test data only, so a
 * tester can walk every path (and every refusal) without a contract with a bank or Alipay.
 */
export class DevIdentityVerifier implements IdentityVerifier {
  readonly name = 'dev';
  readonly isDevelopment = true;
  readonly hint =
    '开发环境实名认证（不会联网核验）：银行卡号填写任意16–19位且通过Luhn校验的号码（如 6228480012345678903）；' +
    `支付宝账号以 ${DEV_ALIPAY_SUFFIX} 结尾（如 zhangsan${DEV_ALIPAY_SUFFIX}）；人脸识别令牌填写 ${DEV_FACE_TOKEN}。`;

  async verify(claim: IdentityClaim): Promise<IdentityResult> {
    switch (claim.method) {
      case 'bank_card': {
        const card = (claim.bankCardNumber ?? '').replace(/\s/g, '');
        if (!/^\d{16,19}$/.test(card) || !passesLuhn(card)) {
          return { ok: false, reason: '银行卡号与身份信息不匹配' };
        }
        return { ok: true };
      }
      case 'alipay':
        return (claim.alipayAccount ?? '').endsWith(DEV_ALIPAY_SUFFIX)
          ? { ok: true }
          : { ok: false, reason: '支付宝账号实名信息不匹配' };
      case 'face':
        return claim.faceToken === DEV_FACE_TOKEN
          ? { ok: true }
          : { ok: false, reason: '人脸识别未通过' };
    }
  }
}
