import ExcelJS from 'exceljs';
import {
  degrees,
  graduateColumns,
  graduateTemplateExample,
  type Degree,
} from '@hirehall/shared/graduates';
import { idNumberFacts, isValidIdNumber, isValidPhone } from '@hirehall/shared/validators';
import { AppError } from '../../platform/errors.ts';
import type { Sheet } from '../../platform/spreadsheet.ts';

export interface ImportRowError {
  row: number;
  field: string;
  message: string;
}

export interface GraduateRow {
  studentNumber: string;
  name: string;
  idNumber: string;
  gender: 'male' | 'female';
  collegeName: string;
  major: string;
  degree: Degree;
  phone: string;
}

const MAX_ROWS = 20_000;
const MAX_LENGTH = 100;

export const importFailed = (rows: ImportRowError[]) =>
  new AppError('IMPORT_FAILED', undefined, { rows: rows.slice(0, 500) });

const genderOf: Record<string, 'male' | 'female'> = { 男: 'male', 女: 'female' };

/**
 * Every row checked against the template and the school's colleges; all problems reported
 * together; nothing returned when any row fails.
 */
export function validateGraduateSheet(sheet: Sheet, collegeNames: Set<string>): GraduateRow[] {
  const errors: ImportRowError[] = [];
  const index = new Map<string, number>();
  for (const c of graduateColumns) {
    const at = sheet.headers.indexOf(c.header);
    if (at >= 0) index.set(c.field, at);
    else if (c.required) errors.push({ row: 1, field: c.header, message: `缺少“${c.header}”列` });
  }
  if (errors.length > 0) throw importFailed(errors);
  if (sheet.rows.length === 0) {
    throw importFailed([{ row: 2, field: '文件', message: '文件中没有数据行' }]);
  }
  if (sheet.rows.length > MAX_ROWS) {
    throw importFailed([{ row: 0, field: '文件', message: `一次最多导入 ${MAX_ROWS} 行` }]);
  }
  const seenStudent = new Map<string, number>();
  const seenId = new Map<string, number>();
  const result: GraduateRow[] = [];
  for (const { rowNumber, cells } of sheet.rows) {
    const get = (field: string) => (cells[index.get(field) ?? -1] ?? '').trim();
    const err = (field: string, message: string) => errors.push({ row: rowNumber, field, message });
    const studentNumber = get('studentNumber');
    const name = get('name');
    const idNumber = get('idNumber').toUpperCase();
    const genderText = get('gender');
    const collegeName = get('college');
    const major = get('major');
    const degree = get('degree');
    const phone = get('phone').replace(/[\s-]/g, '');
    for (const c of graduateColumns) {
      if (get(c.field) === '') err(c.header, `${c.header}不能为空`);
      else if (get(c.field).length > MAX_LENGTH) err(c.header, `不能超过 ${MAX_LENGTH} 个字符`);
    }
    if (studentNumber && !/^[0-9A-Za-z_-]{1,40}$/.test(studentNumber)) {
      err('学号', '学号只能包含字母、数字、下划线和连字符');
    } else if (studentNumber && seenStudent.has(studentNumber)) {
      err('学号', `与第 ${seenStudent.get(studentNumber)} 行学号重复`);
    } else if (studentNumber) seenStudent.set(studentNumber, rowNumber);
    const idOk = idNumber !== '' && isValidIdNumber(idNumber);
    if (idNumber && !idOk) err('身份证号', '身份证号码格式或校验位不正确');
    else if (idNumber && seenId.has(idNumber)) {
      err('身份证号', `与第 ${seenId.get(idNumber)} 行身份证号重复`);
    } else if (idNumber) seenId.set(idNumber, rowNumber);
    const gender = genderOf[genderText];
    if (genderText && !gender) err('性别', '性别只能填“男”或“女”');
    else if (gender && idOk && idNumberFacts(idNumber).gender !== gender) {
      err('性别', '性别与身份证号不一致');
    }
    if (collegeName && !collegeNames.has(collegeName)) {
      err('学院', `学校没有名为“${collegeName}”的学院`);
    }
    if (degree && !(degrees as readonly string[]).includes(degree)) {
      err('学历', `学历只能是：${degrees.join('、')}`);
    }
    if (phone && !isValidPhone(phone)) err('手机号', '手机号格式不正确');
    result.push({
      studentNumber,
      name,
      idNumber,
      gender: gender ?? 'male',
      collegeName,
      major,
      degree: degree as Degree,
      phone,
    });
  }
  if (errors.length > 0) throw importFailed(errors);
  return result;
}

export function graduateTemplateCsv(): string {
  const header = graduateColumns.map((c) => c.header).join(',');
  return `\uFEFF${header}\r\n${graduateTemplateExample.join(',')}\r\n`;
}

export async function graduateTemplateXlsx(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('生源信息');
  sheet.addRow(graduateColumns.map((c) => c.header));
  sheet.addRow(graduateTemplateExample);
  sheet.columns.forEach((col) => {
    col.width = 18;
    col.numFmt = '@';
  });
  sheet.getRow(1).font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
