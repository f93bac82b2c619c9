/** What the person offers to prove they are who they say (seed 004 §1: one of three ways). */
export interface IdentityClaim {
  name: string;
  /** ID number or permit number */
  documentNumber: string;
  method: 'bank_card' | 'alipay' | 'face';
  bankCardNumber?: string;
  alipayAccount?: string;
  faceToken?: string;
}

export type IdentityResult = { ok: true } | { ok: false; reason: string };

/** Real-name verification (实名认证) against an outside service. */
export interface IdentityVerifier {
  readonly name: string;
  /** true for the development provider: the page shows `hint` so testers know what passes */
  readonly isDevelopment: boolean;
  readonly hint: string;
  verify(claim: IdentityClaim): Promise<IdentityResult>;
}
