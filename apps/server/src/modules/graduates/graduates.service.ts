import { nextState } from '@hirehall/shared/workflow';
import {
  graduateRecordTransitions,
  type GraduateImportResult,
  type GraduateRecord,
} from '@hirehall/shared/graduates';
import type { Tx } from '../../platform/db/database.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { AppError } from '../../platform/errors.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import {
  findCollegesOfSchool,
  findGraduateRecord,
  findGraduatesWithActiveAgreement,
  findIdNumberOwners,
  updateGraduateStatus,
  upsertGraduates,
  toGraduateView,
} from './graduates.repo.ts';
import { validateGraduateSheet, importFailed, type GraduateRow } from './graduates.sheet.ts';
import { readCsv, readXlsx, type Sheet } from '../../platform/spreadsheet.ts';
import { schoolOf, collegeScopeOf } from './graduates.policy.ts';

/** Parse, validate every row, then write all rows in the caller's transaction (or none). */
export async function importGraduates(
  tx: Tx,
  actor: Actor,
  input: { graduationYear: number; bytes: Buffer; fileName: string },
  ip?: string,
): Promise<GraduateImportResult> {
  const schoolId = schoolOf(actor);
  const format = sheetFormatOf(input.bytes);
  if (!format) {
    throw importFailed([{ row: 0, field: '文件', message: '请上传 .xlsx 或 .csv 文件' }]);
  }
  const sheet = format === 'xlsx' ? await readXlsx(input.bytes) : readCsv(input.bytes);
  const colleges = await findCollegesOfSchool(tx, schoolId);
  const collegeIdByName = new Map(colleges.map((c) => [c.name, c.id]));
  const rows = validateGraduateSheet(sheet, new Set(collegeIdByName.keys()));
  await refuseIdNumbersOfOtherStudents(tx, schoolId, sheet, rows);
  await refuseChangesToSigningGraduates(tx, schoolId, input.graduationYear, sheet, rows);
  const { inserted, updated } = await upsertGraduates(tx, {
    schoolId,
    graduationYear: input.graduationYear,
    rows,
    collegeIdByName,
  });
  const unchanged = rows.length - inserted - updated;
  await recordAudit(tx, {
    actorAccountId: actor.accountId,
    actorRole: actor.role,
    action: 'graduates.import',
    targetType: 'graduate_records',
    targetId: schoolId,
    ip,
    details: {
      graduationYear: input.graduationYear,
      format,
      fileName: input.fileName.slice(0, 100),
      inserted,
      updated,
      unchanged,
    },
  });
  return { inserted, updated, unchanged };
}

/**
 * One person, one record: an ID number already on file under another student number is a
 * row error, unless this file gives that other student a different ID number.
 */
async function refuseIdNumbersOfOtherStudents(
  tx: Tx,
  schoolId: string,
  sheet: Sheet,
  rows: GraduateRow[],
) {
  const owners = await findIdNumberOwners(
    tx,
    schoolId,
    rows.map((r) => r.idNumber),
  );
  const inFile = new Set(rows.map((r) => r.studentNumber));
  const errors = rows.flatMap((r, i) => {
    const other = (owners.get(r.idNumber) ?? []).find(
      (s) => s !== r.studentNumber && !inFile.has(s),
    );
    return other
      ? [
          {
            row: sheet.rows[i]!.rowNumber,
            field: '身份证号',
            message: `已用于学号 ${other} 的生源信息`,
          },
        ]
      : [];
  });
  if (errors.length > 0) throw importFailed(errors);
}

/**
 * A graduate whose agreement is accepted, under review or signed keeps the record the
 * agreement was made on: a changed row for them is a row error (terminate first, or ask the
 * platform to correct it). Unchanged rows pass.
 */
async function refuseChangesToSigningGraduates(
  tx: Tx,
  schoolId: string,
  graduationYear: number,
  sheet: Sheet,
  rows: GraduateRow[],
) {
  const bound = await findGraduatesWithActiveAgreement(
    tx,
    schoolId,
    rows.map((r) => r.studentNumber),
  );
  if (bound.size === 0) return;
  const errors = rows.flatMap((r, i) => {
    const current = bound.get(r.studentNumber);
    if (!current) return [];
    const same =
      current.graduationYear === graduationYear &&
      current.collegeName === r.collegeName &&
      current.name === r.name &&
      current.idNumber === r.idNumber &&
      current.gender === r.gender &&
      current.major === r.major &&
      current.degree === r.degree &&
      (current.phone ?? '') === r.phone;
    return same
      ? []
      : [
          {
            row: sheet.rows[i]!.rowNumber,
            field: '学号',
            message: `学号 ${r.studentNumber} 的学生已有应约、审核中或已签约的三方协议，不能修改其生源信息`,
          },
        ];
  });
  if (errors.length > 0) throw importFailed(errors);
}

/** XLSX is a zip (PK); anything else must decode as text to be taken for CSV. */
function sheetFormatOf(bytes: Buffer): 'xlsx' | 'csv' | null {
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b) return 'xlsx';
  const head = bytes.subarray(0, 4096);
  if (head.includes(0)) return null;
  return 'csv';
}

/** College review: approve, or reject with a reason. Only the record's own college. */
export async function reviewGraduate(
  tx: Tx,
  actor: Actor,
  input: { id: string; decision: 'approve' | 'reject'; reason?: string },
  ip?: string,
): Promise<GraduateRecord> {
  const scope = collegeScopeOf(actor);
  const record = await findGraduateRecord(tx, input.id);
  if (!record || record.schoolId !== scope.schoolId || record.collegeId !== scope.collegeId) {
    throw new AppError('NOT_FOUND');
  }
  const to = nextState(graduateRecordTransitions, record.status, input.decision);
  if (!to || (to !== 'approved' && to !== 'rejected')) {
    throw new AppError('CONFLICT', '该生源信息当前状态不能执行此审核');
  }
  const reason = input.decision === 'reject' ? (input.reason ?? null) : null;
  const changed = await updateGraduateStatus(tx, {
    id: record.id,
    from: record.status,
    to,
    reason,
  });
  if (changed === 0) throw new AppError('CONFLICT');
  await recordAudit(tx, {
    actorAccountId: actor.accountId,
    actorRole: actor.role,
    action: `graduates.${input.decision}`,
    targetType: 'graduate_record',
    targetId: record.id,
    ip,
    details: { from: record.status, to, reason },
  });
  return toGraduateView({ ...record, status: to, reason }, null);
}
