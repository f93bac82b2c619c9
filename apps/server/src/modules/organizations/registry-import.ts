import { sql } from 'drizzle-orm';
import { registryColumns, type ImportRowError } from '@hirehall/shared/organizations';
import { isValidPhone } from '@hirehall/shared/validators';
import { queryRows, type Tx } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import type { Sheet } from '../../platform/spreadsheet.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { authorize } from './organizations.policy.ts';

const MAX_ROWS = 20_000;
const MAX_LENGTH = 100;

export interface RegistryRow {
  phone: string;
  name: string;
  certificateNumber: string | null;
  certificationDomain: string | null;
  positionLevel: string | null;
  region: string | null;
}

/** Every row checked; all problems reported together; nothing returned when any fails. */
export function validateRegistrySheet(sheet: Sheet): RegistryRow[] {
  const errors: ImportRowError[] = [];
  const index = new Map<string, number>();
  for (const c of registryColumns) {
    const at = sheet.headers.indexOf(c.header);
    if (at >= 0) index.set(c.field, at);
    else if (c.required) errors.push({ row: 1, field: c.header, message: `缺少“${c.header}”列` });
  }
  if (errors.length > 0) throw new AppError('IMPORT_FAILED', undefined, { rows: errors });
  if (sheet.rows.length === 0) {
    throw new AppError('IMPORT_FAILED', undefined, {
      rows: [{ row: 2, field: '文件', message: '文件中没有数据行' }],
    });
  }
  if (sheet.rows.length > MAX_ROWS) {
    throw new AppError('IMPORT_FAILED', undefined, {
      rows: [{ row: 0, field: '文件', message: `一次最多导入 ${MAX_ROWS} 行` }],
    });
  }
  const seen = new Map<string, number>();
  const result: RegistryRow[] = [];
  for (const { rowNumber, cells } of sheet.rows) {
    const get = (field: string) => {
      const at = index.get(field);
      return at === undefined ? '' : (cells[at] ?? '').trim();
    };
    const err = (field: string, message: string) => errors.push({ row: rowNumber, field, message });
    const phone = get('phone').replace(/[\s-]/g, '');
    const name = get('name');
    if (!phone) err('手机号', '手机号不能为空');
    else if (!isValidPhone(phone)) err('手机号', '手机号格式不正确');
    else if (seen.has(phone)) err('手机号', `与第 ${seen.get(phone)} 行手机号重复`);
    else seen.set(phone, rowNumber);
    if (!name) err('姓名', '姓名不能为空');
    for (const c of registryColumns) {
      if (get(c.field).length > MAX_LENGTH) err(c.header, `不能超过 ${MAX_LENGTH} 个字符`);
    }
    const opt = (field: string) => get(field) || null;
    result.push({
      phone,
      name,
      certificateNumber: opt('certificateNumber'),
      certificationDomain: opt('certificationDomain'),
      positionLevel: opt('positionLevel'),
      region: opt('region'),
    });
  }
  if (errors.length > 0) {
    throw new AppError('IMPORT_FAILED', undefined, { rows: errors.slice(0, 500) });
  }
  return result;
}

/** Upsert by phone in one transaction; a re-import keeps each entry's binding. */
export async function importRegistry(
  tx: Tx,
  actor: Actor,
  input: { rows: RegistryRow[]; format: 'csv' | 'xlsx'; fileName: string },
  ip?: string,
) {
  authorize(actor, 'importRegistry');
  let inserted = 0;
  let updated = 0;
  for (let i = 0; i < input.rows.length; i += 500) {
    const batch = input.rows.slice(i, i + 500);
    const values = sql.join(
      batch.map(
        (r) =>
          sql`(${r.phone}, ${r.name}, ${r.certificateNumber}, ${r.certificationDomain}, ${r.positionLevel}, ${r.region})`,
      ),
      sql`, `,
    );
    const result = await queryRows<{ inserted: boolean }>(
      tx,
      sql`insert into personnel_registry
            (phone, name, certificate_number, certification_domain, position_level, region)
          values ${values}
          on conflict (phone) do update set
            name = excluded.name,
            certificate_number = excluded.certificate_number,
            certification_domain = excluded.certification_domain,
            position_level = excluded.position_level,
            region = excluded.region
          returning (xmax = 0) as inserted`,
    );
    for (const r of result) {
      if (r.inserted) inserted++;
      else updated++;
    }
  }
  await recordAudit(tx, {
    actorAccountId: actor.accountId,
    actorRole: actor.role,
    action: 'registry.import',
    targetType: 'personnel_registry',
    ip,
    details: { format: input.format, fileName: input.fileName, inserted, updated },
  });
  return { inserted, updated };
}

export function registryTemplateCsv(): string {
  const header = registryColumns.map((c) => c.header).join(',');
  return `\uFEFF${header}\r\n`;
}
