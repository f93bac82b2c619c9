import Papa from 'papaparse';
import ExcelJS from 'exceljs';
import { AppError } from './errors.ts';

/** Reading uploaded CSV and XLSX files into rows of cell text, for the import pages. */

/** A sheet as header names plus rows of cell text; `rowNumber` as a spreadsheet shows it. */
export interface Sheet {
  headers: string[];
  rows: { rowNumber: number; cells: string[] }[];
}

/** UTF-8 (with or without BOM); Excel on Chinese Windows saves CSV in GB18030. */
function decodeText(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

export function readCsv(bytes: Buffer): Sheet {
  const parsed = Papa.parse<string[]>(decodeText(bytes), { skipEmptyLines: false });
  const [header = [], ...body] = parsed.data;
  const rows = body
    .map((cells, i) => ({ rowNumber: i + 2, cells: cells.map((c) => String(c ?? '').trim()) }))
    .filter((r) => r.cells.some((c) => c !== ''));
  return { headers: header.map((h) => String(h).trim()), rows };
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') {
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    if ('richText' in value) return value.richText.map((t) => t.text).join('');
    if ('text' in value) return String(value.text);
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    return '';
  }
  return String(value);
}

export async function readXlsx(bytes: Buffer): Promise<Sheet> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new AppError('IMPORT_FAILED', '无法读取 Excel 文件', {
      rows: [{ row: 0, field: '文件', message: '无法读取 Excel 文件，请使用 .xlsx 格式' }],
    });
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return { headers: [], rows: [] };
  const width = sheet.columnCount;
  const textsOf = (row: ExcelJS.Row) =>
    Array.from({ length: width }, (_, i) => cellText(row.getCell(i + 1).value).trim());
  const headers = textsOf(sheet.getRow(1));
  const rows: Sheet['rows'] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber === 1) return;
    const cells = textsOf(row);
    if (cells.some((c) => c !== '')) rows.push({ rowNumber, cells });
  });
  return { headers, rows };
}
