import { sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from './platform/config.ts';
import { queryRows, type Db } from './platform/db/database.ts';
import { recordAudit } from './platform/audit/audit.ts';
import { findAccountIdByIdentifier } from './modules/accounts/accounts.repo.ts';
import { createStaffAccount } from './modules/organizations/organizations.repo.ts';
import { demoCredentialLines, findDemoIds, loadDemoData } from './demo/demo-data.ts';
import { loadJobsDemo } from './modules/jobs/jobs.demo.ts';

export const ADMIN_USERNAME = 'admin';

/**
 * On the first start: create the platform admin (printing its initial password once) and,
 * unless HIREHALL_DEMO=0, load the demo data and print the demo credentials.
 * Safe when several processes start at once: an advisory lock orders them.
 */
export async function prepareFirstStart(input: {
  config: Config;
  db: Db;
  log: FastifyBaseLogger;
  /** where the boxes go; stdout by default */
  print?: (text: string) => void;
}) {
  const { config, db, log } = input;
  const print = input.print ?? ((text: string) => process.stdout.write(`${text}\n`));
  const outcome = await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(7365003)`);
    let admin: { password: string; fromEnv: boolean } | null = null;
    if (!(await findAccountIdByIdentifier(tx, 'username', ADMIN_USERNAME))) {
      const created = await createStaffAccount(tx, {
        role: 'admin',
        username: ADMIN_USERNAME,
        displayName: '平台管理员',
        organizationId: null,
        collegeId: null,
        password: config.adminPassword,
        mustChangePassword: true,
      });
      await recordAudit(tx, {
        actorRole: 'system',
        action: 'account.create',
        targetType: 'account',
        targetId: created.accountId,
        details: { role: 'admin', username: ADMIN_USERNAME, firstStart: true },
      });
      admin = { password: created.initialPassword, fromEnv: !!config.adminPassword };
    }
    if (!config.demo) return { admin, demo: null };
    let ids = await findDemoIds(tx);
    let loaded = false;
    if (!ids && (await isEmptyOfOrganizations(tx))) {
      ids = await loadDemoData(tx);
      await loadJobsDemo(tx, ids);
      loaded = true;
    }
    return { admin, demo: ids ? { ids, loaded } : null };
  });

  if (outcome.admin) {
    print(
      box([
        'HireHall 平台管理员账号已创建 / platform admin created',
        `用户名 user name: ${ADMIN_USERNAME}`,
        outcome.admin.fromEnv
          ? '初始密码: 取自 HIREHALL_ADMIN_PASSWORD'
          : `初始密码 initial password: ${outcome.admin.password}`,
        '首次登录须修改密码。此密码只显示这一次，请妥善保存。',
      ]),
    );
    log.info({ username: ADMIN_USERNAME }, 'platform admin created');
  }
  if (outcome.demo) {
    if (outcome.demo.loaded) log.info('demo data loaded');
    print(box(demoCredentialLines(outcome.demo.ids)));
  } else if (config.demo) {
    log.info('demo data skipped: the database already holds organizations');
  }
}

async function isEmptyOfOrganizations(q: Parameters<typeof findDemoIds>[0]) {
  const [row] = await queryRows<{ n: number }>(
    q,
    sql`select count(*)::int as n from organizations`,
  );
  return (row?.n ?? 0) === 0;
}

function box(lines: string[]): string {
  const rule = '='.repeat(72);
  return ['', rule, ...lines.map((l) => `  ${l}`), rule, ''].join('\n');
}
