import { AppError } from '../../platform/errors.ts';

/** One agreement as reported to the provincial platform (docs/provincial-report.md). */
export interface ProvincialRecord {
  agreementNumber: string;
  schoolName: string;
  graduationYear: number;
  studentNumber: string;
  name: string;
  idNumber: string;
  gender: string;
  collegeName: string;
  major: string;
  degree: string;
  employerName: string;
  employerCreditCode: string;
  position: string;
  workLocation: string;
  monthlySalary: number;
  status: 'signed' | 'terminated';
  signedAt: string;
  terminatedAt: string;
}

/** Where records go. The key is the same on every retry, so the receiver can deduplicate. */
export interface ProvincialConnector {
  push(record: ProvincialRecord, idempotencyKey: string): Promise<void>;
}

export interface HttpConnectorOptions {
  /** attempts in total, at least 1 */
  attempts?: number;
  /** first back-off delay; doubled after each failure */
  baseDelayMs?: number;
  timeoutMs?: number;
  token?: string;
  sleep?: (ms: number) => Promise<void>;
}

const wait = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * HTTP JSON: `POST <endpoint>` with the record as the body and `Idempotency-Key` header.
 * 2xx → delivered; 409 (already have it) → delivered; 4xx otherwise → give up at once
 * (the record is wrong); 5xx, 429, timeouts and network errors → retry with back-off.
 */
export class HttpJsonConnector implements ProvincialConnector {
  private readonly attempts: number;
  private readonly baseDelayMs: number;
  private readonly timeoutMs: number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(
    private readonly endpoint: string,
    private readonly options: HttpConnectorOptions = {},
  ) {
    this.attempts = Math.max(1, options.attempts ?? 4);
    this.baseDelayMs = options.baseDelayMs ?? 500;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.sleep = options.sleep ?? wait;
  }

  async push(record: ProvincialRecord, idempotencyKey: string): Promise<void> {
    let lastError = '';
    for (let attempt = 1; attempt <= this.attempts; attempt++) {
      try {
        const res = await fetch(this.endpoint, {
          method: 'POST',
          headers: {
            'content-type': 'application/json; charset=utf-8',
            'idempotency-key': idempotencyKey,
            ...(this.options.token ? { authorization: `Bearer ${this.options.token}` } : {}),
          },
          body: JSON.stringify(record),
          signal: AbortSignal.timeout(this.timeoutMs),
        });
        if (res.ok || res.status === 409) return;
        lastError = `HTTP ${res.status}`;
        if (res.status < 500 && res.status !== 429) break;
      } catch (err) {
        lastError = err instanceof Error ? err.message : String(err);
      }
      if (attempt < this.attempts) await this.sleep(this.baseDelayMs * 2 ** (attempt - 1));
    }
    throw new AppError('SERVICE_UNAVAILABLE', `省级平台上报失败：${lastError}`);
  }
}
