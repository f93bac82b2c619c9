import type { Queryable } from '../../platform/db/database.ts';

/** Registration's captcha: single use, checked before anything is written. */
export async function checkRegistrationCaptcha(q: Queryable, captchaId: string, answer: string) {
  // TODO(wire): accounts' verifyCaptcha once it lands.
  void q;
  void captchaId;
  void answer;
}
