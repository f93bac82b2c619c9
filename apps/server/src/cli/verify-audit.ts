import { loadConfig } from '../platform/config.ts';
import { openDatabase, type Queryable } from '../platform/db/database.ts';
import { checkAuditLog } from '../platform/audit/audit.ts';

/**
 * `npm run audit:verify`: walks the audit log's hash chain and exits 1 at the first row
 * whose hash does not match (edited, deleted or inserted out of order), or when the newest
 * rows recorded by the head (audit_head) are missing. On PGlite, stop the server first: the
 * embedded database serves one process at a time.
 */
export async function verifyAuditCommand(q: Queryable): Promise<{ ok: boolean; message: string }> {
  const { brokenAt, problem, rows } = await checkAuditLog(q);
  if (brokenAt === null) {
    return { ok: true, message: `审计日志完整 / audit chain intact: ${rows} rows` };
  }
  if (problem === 'head') {
    return {
      ok: false,
      message: `审计日志被篡改 / newest audit rows missing: the head records row id ${brokenAt}, the table ends elsewhere (${rows} rows)`,
    };
  }
  return {
    ok: false,
    message: `审计日志被篡改 / audit chain broken at row id ${brokenAt} (of ${rows} rows)`,
  };
}

async function main() {
  const config = loadConfig();
  const database = await openDatabase(config);
  try {
    const result = await verifyAuditCommand(database.db);
    (result.ok ? console.log : console.error)(result.message);
    process.exitCode = result.ok ? 0 : 1;
  } finally {
    await database.close();
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exitCode = 2;
  });
}
