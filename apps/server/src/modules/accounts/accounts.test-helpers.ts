import { desc, eq } from 'drizzle-orm';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Db } from '../../platform/db/database.ts';
import type { Role } from '../../platform/auth/actor.ts';
import { hashPassword } from '../../platform/auth/passwords.ts';
import { AppError } from '../../platform/errors.ts';
import { memberships } from '../organizations/organizations.tables.ts';
import { createOrganization } from '../../../test/fixtures.ts';
import { insertAccount, type IdentifierKind } from './accounts.repo.ts';
import { devOutbox } from './accounts.tables.ts';
import { storeCaptcha } from './accounts.captcha.ts';

/** Test helpers of the accounts module (not shipped: only *.test.ts import this). */

export async function createAccountWithPassword(
  db: Db,
  input: {
    role: Role;
    password: string;
    identifiers: { kind: IdentifierKind; value: string }[];
    phone?: string;
    mustChangePassword?: boolean;
    organizationKind?: 'company' | 'institution' | 'school';
  },
) {
  const account = await insertAccount(db, {
    role: input.role,
    displayName: `测试${input.role}`,
    passwordHash: await hashPassword(input.password),
    phone: input.phone,
    mustChangePassword: input.mustChangePassword,
    identifiers: input.identifiers,
  });
  if (input.organizationKind) {
    const org = await createOrganization(db, input.organizationKind);
    await db.insert(memberships).values({ accountId: account.id, organizationId: org.id });
  }
  return account;
}

/** The code in the newest development-outbox message to `phone`. */
export async function latestSmsCode(db: Db, phone: string): Promise<string> {
  const [row] = await db
    .select()
    .from(devOutbox)
    .where(eq(devOutbox.recipient, phone))
    .orderBy(desc(devOutbox.createdAt))
    .limit(1);
  const code = row?.content.match(/验证码为 (\d{6})/)?.[1];
  if (!code) throw new AppError('NOT_FOUND', 'no SMS code in the development outbox');
  return code;
}

export async function knownCaptcha(db: Db, answer = 'AbCd') {
  return { captchaId: await storeCaptcha(db, answer), captchaAnswer: answer.toLowerCase() };
}

/** Cookie + CSRF headers out of a sign-in response. */
export function sessionHeaders(res: LightMyRequestResponse): Record<string, string> {
  const cookies = res.cookies as { name: string; value: string }[];
  const session = cookies.find((c) => c.name === 'hh_session')!;
  const csrf = cookies.find((c) => c.name === 'hh_csrf')!;
  return {
    cookie: `hh_session=${session.value}; hh_csrf=${csrf.value}`,
    'x-csrf-token': csrf.value,
  };
}

export function signInRequest(app: FastifyInstance, payload: Record<string, unknown>) {
  return app.inject({ method: 'POST', url: '/api/auth/sign-in', payload });
}
