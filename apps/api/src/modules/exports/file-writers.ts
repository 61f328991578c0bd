import { PassThrough, Readable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { minorDigits as intlMinorDigits } from '@gestco/contract';
import { offsetMinutes } from '../reports/local-time.ts';

/**
 * CSV and XLSX writers over an async iterable of pages of rows: a page is pulled when the
 * client has read the last one, so an export of any size holds one page in memory
 * (backpressure end to end). A CSV page becomes one string at once, so its row objects die
 * young instead of being promoted while the socket drains.
 */

export type Lang = 'fr' | 'en';
export type CellType = 'text' | 'int' | 'money' | 'datetime' | 'date' | 'bool' | 'percent';

export interface Column<R> {
  header: Record<Lang, string>;
  type: CellType;
  /** Excel column width in characters. */
  width?: number;
  value: (row: R) => unknown;
  /** money: the currency of the amount (a code; the cell holds minor units). */
  currency?: (row: R) => string;
  /** money: every row is in this currency (the base): the XLSX format shows its symbol. */
  fixedCurrency?: string;
}

export interface FileOptions {
  separator: ';' | ',' | '\t';
  sepLine: boolean;
  decimal: ',' | '.';
  dates: 'iso' | 'local';
  lang: Lang;
  timeZone: string;
}

/** Digits of a currency's minor unit, asked of Intl once per currency (it builds a formatter). */
const digitsCache = new Map<string, number>();
export function minorDigits(currency: string): number {
  let digits = digitsCache.get(currency);
  if (digits === undefined) {
    digits = intlMinorDigits(currency);
    digitsCache.set(currency, digits);
  }
  return digits;
}

/** Excel's last row (1,048,576) less the header. */
export const XLSX_MAX_ROWS = 1_048_575;
const BOM = '\uFEFF';

/** Minor units → "1234.56" (exact, from the integer), with the decimal mark asked. */
export function formatMinor(amount: number, currency: string, decimal: ',' | '.'): string {
  const digits = minorDigits(currency);
  const negative = amount < 0;
  const abs = String(Math.abs(Math.trunc(amount))).padStart(digits + 1, '0');
  const whole = abs.slice(0, abs.length - digits);
  const fraction = digits > 0 ? `${decimal}${abs.slice(abs.length - digits)}` : '';
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

/** The wall clock of an instant in the business zone, as a Date whose UTC fields show it. */
export function wallClock(instant: Date, timeZone: string): Date {
  return new Date(instant.getTime() + offsetMinutes(timeZone, instant.getTime()) * 60_000);
}

function localText(instant: Date, timeZone: string): string {
  return wallClock(instant, timeZone).toISOString().slice(0, 19).replace('T', ' ');
}

/**
 * RFC 4180: quoted when it holds the separator, a quote or a line break; quotes doubled.
 * Text that a spreadsheet would run as a formula (= + - @ at the start) gets a leading
 * apostrophe: names typed on the public quick-order page end up in these files (OWASP
 * "CSV injection").
 */
export function csvCell(value: string, separator: string, text: boolean): string {
  let v = value;
  if (text && /^[=+\-@\t\r]/.test(v)) v = `'${v}`;
  return v.includes(separator) || /["\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
}

function csvValue<R>(column: Column<R>, row: R, o: FileOptions): string {
  const value = column.value(row);
  if (value === null || value === undefined || value === '') return '';
  switch (column.type) {
    case 'money': {
      const currency = column.fixedCurrency ?? column.currency?.(row) ?? 'EUR';
      return formatMinor(Number(value), currency, o.decimal);
    }
    case 'percent':
      return String(value).replace('.', o.decimal);
    case 'int':
      return String(value);
    case 'bool':
      return value ? (o.lang === 'fr' ? 'oui' : 'yes') : o.lang === 'fr' ? 'non' : 'no';
    case 'datetime': {
      const d = value instanceof Date ? value : new Date(String(value));
      return o.dates === 'iso' ? d.toISOString() : localText(d, o.timeZone);
    }
    case 'date':
      return /^\d{4}-\d{2}-\d{2}/.test(String(value))
        ? String(value).slice(0, 10)
        : csvCell(String(value), o.separator, true);
    default:
      return csvCell(String(value), o.separator, true);
  }
}

/** UTF-8 with BOM (Excel reads the accents), CRLF lines, optional "sep=;" first line. */
export function csvStream<R>(
  pages: AsyncIterable<R[]>,
  columns: Column<R>[],
  o: FileOptions,
): Readable {
  async function* chunks() {
    // The "sep=" line makes Excel split on the separator whatever its locale, but Excel then
    // ignores the BOM: it is an option, off by default.
    let head = o.sepLine ? `sep=${o.separator}\r\n` : BOM;
    head += `${columns.map((c) => csvCell(c.header[o.lang], o.separator, false)).join(o.separator)}\r\n`;
    yield head;
    for await (const page of pages) {
      let chunk = '';
      for (const row of page)
        chunk += `${columns.map((c) => csvValue(c, row, o)).join(o.separator)}\r\n`;
      if (chunk) yield chunk;
    }
  }
  return Readable.from(chunks(), { objectMode: false });
}

const MONEY_FORMAT = (currency: string | undefined) => {
  const digits = currency ? minorDigits(currency) : 2;
  const number = digits > 0 ? `#,##0.${'0'.repeat(digits)}` : '#,##0';
  if (!currency) return number;
  const symbol =
    new Intl.NumberFormat('fr', { style: 'currency', currency })
      .formatToParts(0)
      .find((p) => p.type === 'currency')?.value ?? currency;
  return `${number} "${symbol.replaceAll('"', '')}"`;
};

function xlsxValue<R>(column: Column<R>, row: R, timeZone: string): ExcelJS.CellValue {
  const value = column.value(row);
  if (value === null || value === undefined || value === '') return null;
  switch (column.type) {
    case 'money': {
      const currency = column.fixedCurrency ?? column.currency?.(row) ?? 'EUR';
      return Number(value) / 10 ** minorDigits(currency);
    }
    case 'int':
      return Number(value);
    case 'percent':
      return Number(value) / 100;
    case 'bool':
      return Boolean(value);
    case 'datetime':
      return wallClock(value instanceof Date ? value : new Date(String(value)), timeZone);
    case 'date':
      // A word in a date column (a report's "Total" row) stays a word.
      return /^\d{4}-\d{2}-\d{2}/.test(String(value))
        ? new Date(`${String(value).slice(0, 10)}T00:00:00Z`)
        : String(value);
    default:
      return String(value);
  }
}

/**
 * A real workbook, streamed (exceljs WorkbookWriter): typed cells, dates as dates in the
 * business zone, amounts as numbers with a money format, bold frozen header, widths, filter.
 */
export function xlsxStream<R>(
  pages: AsyncIterable<R[]>,
  columns: Column<R>[],
  o: FileOptions,
  sheetName: string,
): Readable {
  const out = new PassThrough({ highWaterMark: 1 << 20 });
  (async () => {
    // exceljs weighs ~30 MB once loaded: only a process that writes a workbook pays for it.
    const { default: Excel } = await import('exceljs');
    const workbook = new Excel.stream.xlsx.WorkbookWriter({
      stream: out,
      useStyles: true,
      useSharedStrings: false,
    });
    workbook.creator = 'Gestco';
    const sheet = workbook.addWorksheet(sheetName.slice(0, 31), {
      views: [{ state: 'frozen', ySplit: 1 }],
    });
    const dateTimeFormat = o.lang === 'fr' ? 'dd/mm/yyyy hh:mm:ss' : 'yyyy-mm-dd hh:mm:ss';
    const dateFormat = o.lang === 'fr' ? 'dd/mm/yyyy' : 'yyyy-mm-dd';
    sheet.columns = columns.map((c, i) => ({
      header: c.header[o.lang],
      key: `c${i}`,
      width: c.width ?? Math.max(10, c.header[o.lang].length + 2),
      style: {
        numFmt:
          c.type === 'money'
            ? MONEY_FORMAT(c.fixedCurrency)
            : c.type === 'datetime'
              ? dateTimeFormat
              : c.type === 'date'
                ? dateFormat
                : c.type === 'percent'
                  ? '0.00%'
                  : c.type === 'int'
                    ? '#,##0'
                    : undefined,
      },
    }));
    const header = sheet.getRow(1);
    header.font = { bold: true };
    header.alignment = { vertical: 'middle' };
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };

    let count = 0;
    pages: for await (const page of pages) {
      for (const row of page) {
        if (count === XLSX_MAX_ROWS - 1) {
          sheet
            .addRow([
              o.lang === 'fr'
                ? '… export tronqué : Excel ne contient pas plus de 1 048 576 lignes (utilisez le CSV)'
                : '… export truncated: Excel holds at most 1,048,576 rows (use CSV)',
            ])
            .commit();
          break pages;
        }
        sheet.addRow(columns.map((c) => xlsxValue(c, row, o.timeZone))).commit();
        count += 1;
      }
      // exceljs does not pass backpressure on: wait while the client has not read what is
      // already written, so a slow download does not fill the memory.
      while (out.readableLength > out.readableHighWaterMark * 4 && !out.destroyed)
        await new Promise((resolve) => setTimeout(resolve, 5));
      if (out.destroyed) return;
    }
    sheet.commit();
    await workbook.commit();
  })().catch((error: unknown) => out.destroy(error as Error));
  return out;
}
