import { randomBytes, randomInt } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { creditCodeCheckChar } from '@hirehall/shared/validators';
import type { Db } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { resetCounter } from '../../platform/rate-counter.ts';
import { loadActor } from '../../platform/auth/sessions.ts';
import { knownCaptcha } from '../accounts/accounts.test-helpers.ts';
import { CSRF_COOKIE, SESSION_COOKIE } from '../../platform/auth/sessions.ts';

/** Test-only helpers of the organizations module. */

export const PNG_1X1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
export const PDF_MINI = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);
/** A DOS/PE header: what an .exe starts with. */
export const EXE_HEADER = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(510, 0)]);

const CODE_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** A random credit code with a valid check character. */
export function makeCreditCode(): string {
  let body = '91310000';
  for (let i = 0; i < 9; i++) body += CODE_CHARS[randomInt(CODE_CHARS.length)];
  return body + creditCodeCheckChar(body)!;
}

export function multipart(
  fileName: string,
  bytes: Buffer,
  contentType = 'application/octet-stream',
  field = 'file',
) {
  const boundary = `----hirehall${randomBytes(8).toString('hex')}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\nContent-Type: ${contentType}\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export async function uploadLicence(
  app: FastifyInstance,
  bytes: Buffer = PNG_1X1,
  fileName = 'licence.png',
  headers: Record<string, string> = {},
) {
  const body = multipart(fileName, bytes, 'image/png');
  return app.inject({
    method: 'POST',
    url: '/api/uploads/licence',
    payload: body.payload,
    headers: { ...headers, ...body.headers },
  });
}

export interface RegisteredEmployer {
  organizationId: string;
  accountId: string;
  creditCode: string;
  name: string;
  licenceFileId: string;
  headers: Record<string, string>;
}

/** Registration step 1 through the API; returns headers signed in as the new employer. */
export async function registerEmployerViaApi(
  app: FastifyInstance,
  db: Db,
  overrides: Record<string, unknown> = {},
  captcha: () => Promise<{ captchaId: string; captchaAnswer: string }> = () => knownCaptcha(db),
): Promise<RegisteredEmployer> {
  // tests come from one IP: keep them under the per-IP budgets
  await resetCounter(db, 'upload:licence:ip:127.0.0.1');
  await resetCounter(db, 'register:employer:ip:127.0.0.1');
  const upload = await uploadLicence(app);
  if (upload.statusCode !== 201) throw new AppError('INTERNAL', `upload failed: ${upload.body}`);
  const creditCode = makeCreditCode();
  const name = `测试科技有限公司${randomBytes(3).toString('hex')}`;
  const res = await app.inject({
    method: 'POST',
    url: '/api/employers',
    payload: {
      name,
      creditCode,
      licenceFileId: upload.json().fileId,
      contactName: '王经理',
      contactPhone: '13912345678',
      password: 'abc12345',
      ...(await captcha()),
      ...overrides,
    },
  });
  if (res.statusCode !== 201) throw new AppError('INTERNAL', `registration failed: ${res.body}`);
  const cookies = Object.fromEntries(res.cookies.map((c) => [c.name, c.value]));
  const actor = await loadActor(db, cookies[SESSION_COOKIE]!);
  return {
    organizationId: actor!.organizationId!,
    accountId: actor!.accountId,
    creditCode,
    name,
    licenceFileId: upload.json().fileId,
    headers: {
      cookie: `${SESSION_COOKIE}=${cookies[SESSION_COOKIE]}; ${CSRF_COOKIE}=${cookies[CSRF_COOKIE]}`,
      'x-csrf-token': cookies[CSRF_COOKIE]!,
    },
  };
}
