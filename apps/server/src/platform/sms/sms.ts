/** Sends verification codes and notices to a mainland phone number. */
export interface SmsProvider {
  readonly name: string;
  sendCode(phone: string, code: string, purpose: string): Promise<void>;
  /** a short notice (notifications); throws when the provider refuses, so it is retried */
  sendNotice(phone: string, text: string): Promise<void>;
}
