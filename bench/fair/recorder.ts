// Latency per request kind, outcomes, and an HTTP client that records into it.
import type { Session } from './seed.ts';

export interface KindStats {
  count: number;
  errors: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** HTTP status or error code → count */
  outcomes: Record<string, number>;
}

export function percentile(sorted: number[], p: number) {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const round = (v: number) => Math.round(v * 10) / 10;

export class Recorder {
  private readonly samples = new Map<string, number[]>();
  private readonly errors = new Map<string, number>();
  private readonly outcomes = new Map<string, Record<string, number>>();
  /** which process (HAProxy's X-Served-By) answered each account's requests */
  readonly servedBy = new Map<string, Set<string>>();
  readonly errorSamples: string[] = [];

  private readonly started = performance.now();
  record(kind: string, ms: number, outcome: string, isError: boolean) {
    if (process.env.HH_FAIR_DEBUG && ms > 300) {
      console.log(
        `slow ${kind} ${ms.toFixed(0)} ms at ${((performance.now() - this.started) / 1000).toFixed(1)} s`,
      );
    }
    let list = this.samples.get(kind);
    if (!list) this.samples.set(kind, (list = []));
    list.push(ms);
    const o = this.outcomes.get(kind) ?? {};
    o[outcome] = (o[outcome] ?? 0) + 1;
    this.outcomes.set(kind, o);
    if (isError) {
      this.errors.set(kind, (this.errors.get(kind) ?? 0) + 1);
      if (this.errorSamples.length < 20) this.errorSamples.push(`${kind}: ${outcome}`);
    }
  }

  stats(): Record<string, KindStats> {
    const out: Record<string, KindStats> = {};
    for (const [kind, list] of [...this.samples].sort(([a], [b]) => a.localeCompare(b))) {
      const sorted = [...list].sort((a, b) => a - b);
      out[kind] = {
        count: sorted.length,
        errors: this.errors.get(kind) ?? 0,
        p50: round(percentile(sorted, 50)),
        p95: round(percentile(sorted, 95)),
        p99: round(percentile(sorted, 99)),
        max: round(sorted[sorted.length - 1] ?? 0),
        outcomes: this.outcomes.get(kind) ?? {},
      };
    }
    return out;
  }
}

export interface Answer<T> {
  ok: boolean;
  status: number;
  body: T;
}

/** Error codes that are a normal answer on a fair morning, not a failure. */
const expectedCodes = new Set(['QUOTA_EXCEEDED', 'ALREADY_APPLIED', 'CONFLICT', 'FAVORITES_FULL']);

export class HttpClient {
  constructor(
    private readonly baseUrl: string,
    private readonly recorder: Recorder,
  ) {}

  /** One request as the web app makes it: session + CSRF cookies, CSRF header on writes. */
  async request<T = unknown>(
    kind: string,
    who: Session | null,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<Answer<T>> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (who) {
      headers.cookie = `hh_session=${who.token}; hh_csrf=${who.csrf}`;
      if (method !== 'GET') headers['x-csrf-token'] = who.csrf;
    }
    if (body !== undefined) headers['content-type'] = 'application/json';
    const t0 = performance.now();
    try {
      const res = await fetch(this.baseUrl + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(30_000),
      });
      const text = await res.text();
      const ms = performance.now() - t0;
      let parsed = null as (T & { error?: { code: string } }) | null;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        // not the API's JSON: a proxy's own error page (503 no server, 504 timeout …)
        this.recorder.record(kind, ms, `HTTP ${res.status} (not JSON)`, true);
        return { ok: false, status: res.status, body: null as T };
      }
      const node = res.headers.get('x-served-by');
      if (node && who) {
        let set = this.recorder.servedBy.get(who.accountId);
        if (!set) this.recorder.servedBy.set(who.accountId, (set = new Set()));
        set.add(node);
      }
      const code = res.ok ? String(res.status) : (parsed?.error?.code ?? String(res.status));
      this.recorder.record(kind, ms, code, !res.ok && !expectedCodes.has(code));
      return { ok: res.ok, status: res.status, body: parsed as T };
    } catch (err) {
      this.recorder.record(kind, performance.now() - t0, (err as Error).name, true);
      return { ok: false, status: 0, body: null as T };
    }
  }
}
