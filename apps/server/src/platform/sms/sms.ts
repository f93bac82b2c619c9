/** Sends one verification code to a mainland phone number. */
export interface SmsProvider {
  readonly name: string;
  sendCode(phone: string, code: string, purpose: string): Promise<void>;
}
