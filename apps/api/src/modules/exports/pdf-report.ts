import type { Readable } from 'node:stream';
import type { ReportResult, ReportSpec } from '@gestco/contract';
import { AppError } from '../../lib/app-error.ts';
import { minorDigits, wallClock, type Column, type Lang } from './file-writers.ts';
import { GROUPING_WORDS, METRIC_WORDS, word } from './labels.ts';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const A4 = { width: 595.28, height: 841.89, margin: 40 };

/** The standard PDF fonts speak WinAnsi: no narrow no-break space (Intl's French grouping). */
const pdfText = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ');

const FILTER_WORDS: Record<string, Record<Lang, string>> = {
  status: { fr: 'Statut', en: 'Status' },
  paymentStatus: { fr: 'Paiement', en: 'Payment' },
  paymentMethod: { fr: 'Moyen de paiement', en: 'Payment method' },
  shippingMethod: { fr: 'Livraison', en: 'Shipping' },
  tag: { fr: 'Étiquette', en: 'Tag' },
  operatorId: { fr: 'Opérateur n°', en: 'Operator #' },
  origin: { fr: 'Origine', en: 'Origin' },
  clientId: { fr: 'Client n°', en: 'Client #' },
  totalMin: { fr: 'Total TTC min.', en: 'Total min.' },
  totalMax: { fr: 'Total TTC max.', en: 'Total max.' },
  country: { fr: 'Pays', en: 'Country' },
};

function frDate(day: string, lang: Lang) {
  return lang === 'fr' ? `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}` : day;
}

/**
 * The report as a PDF: title, period, filters, the chart the SPA drew (PNG), the table.
 * Built whole in memory (a report table is small) and handed over as a stream.
 */
export async function renderReportPdf<L>(input: {
  report: ReportResult;
  title: string;
  lang: Lang;
  chartPng: Buffer | null;
  spec: ReportSpec;
  timeZone: string;
  table: { lines: L[]; columns: Column<L>[] };
}): Promise<Readable> {
  const { report, lang, table } = input;
  // pdfkit and its fonts load on the first PDF only.
  const { default: PDFDocument } = await import('pdfkit');
  const money = new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', {
    style: 'currency',
    currency: report.currency,
    minimumFractionDigits: minorDigits(report.currency),
  });
  const number = new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-GB');
  const cell = (c: Column<L>, line: L) => {
    const v = c.value(line);
    if (v === null || v === undefined || v === '') return '';
    if (c.type === 'money')
      return pdfText(money.format(Number(v) / 10 ** minorDigits(report.currency)));
    if (c.type === 'int') return pdfText(number.format(Number(v)));
    return pdfText(String(v));
  };

  if (input.chartPng && !input.chartPng.subarray(0, 8).equals(PNG_SIGNATURE))
    throw new AppError('VALIDATION_FAILED', 'chart is not a PNG image.', {
      errors: [{ path: '/chart', message: 'is not a PNG image' }],
    });

  const doc = new PDFDocument({
    size: 'A4',
    margin: A4.margin,
    info: { Title: pdfText(input.title), Producer: 'Gestco', Creator: 'Gestco' },
  });
  const width = A4.width - 2 * A4.margin;
  doc.font('Helvetica-Bold').fontSize(18).text(pdfText(input.title));
  doc.moveDown(0.3);
  const generated = wallClock(new Date(), input.timeZone)
    .toISOString()
    .slice(0, 16)
    .replace('T', ' ');
  const period = `${frDate(report.period.from, lang)} – ${frDate(report.period.to, lang)}`;
  const lines = [
    `${lang === 'fr' ? 'Période' : 'Period'} : ${period}${
      report.previousPeriod
        ? ` (${lang === 'fr' ? 'comparée à' : 'against'} ${frDate(report.previousPeriod.from, lang)} – ${frDate(report.previousPeriod.to, lang)})`
        : ''
    }`,
    `${lang === 'fr' ? 'Mesure' : 'Metric'} : ${METRIC_WORDS[report.metric][lang]} · ${
      lang === 'fr' ? 'Regroupement' : 'Grouped by'
    } : ${GROUPING_WORDS[report.groupBy][lang]} · ${lang === 'fr' ? 'Montants en' : 'Amounts in'} ${report.currency}`,
  ];
  const filters = Object.entries(input.spec)
    .filter(([k, v]) => k in FILTER_WORDS && v !== undefined && v !== '')
    .map(([k, v]) => {
      const value = String(v)
        .split(',')
        .map((x) => word(x, lang))
        .join(', ');
      return `${FILTER_WORDS[k]![lang]} : ${value}`;
    });
  lines.push(
    `${lang === 'fr' ? 'Filtres' : 'Filters'} : ${filters.length ? filters.join(' · ') : lang === 'fr' ? 'aucun' : 'none'}`,
  );
  lines.push(
    `${lang === 'fr' ? 'Édité le' : 'Generated'} ${generated} (${input.timeZone}) · ${
      lang === 'fr' ? 'CA hors commandes annulées' : 'Revenue excludes cancelled orders'
    }`,
  );
  doc.font('Helvetica').fontSize(9).fillColor('#444444');
  for (const l of lines) doc.text(pdfText(l), { width });
  doc.fillColor('black').moveDown(0.8);

  if (input.chartPng) {
    try {
      doc.image(input.chartPng, { fit: [width, 260], align: 'center' });
    } catch {
      throw new AppError('VALIDATION_FAILED', 'chart is not a readable PNG image.', {
        errors: [{ path: '/chart', message: 'is not a readable PNG image' }],
      });
    }
    doc.moveDown(0.8);
  }

  // The table: the first column takes what the figures leave.
  const figures = table.columns.length - 1;
  const figureWidth = Math.min(78, (width * 0.62) / Math.max(1, figures));
  const widths = [width - figureWidth * figures, ...Array(figures).fill(figureWidth)] as number[];
  const rowHeight = 16;
  const drawRow = (texts: string[], bold: boolean) => {
    if (doc.y + rowHeight > A4.height - A4.margin) doc.addPage();
    const y = doc.y;
    let x = A4.margin;
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(8);
    texts.forEach((t, i) => {
      doc.text(t, x + 2, y + 4, {
        width: widths[i]! - 4,
        align: i === 0 ? 'left' : 'right',
        lineBreak: false,
        ellipsis: true,
      });
      x += widths[i]!;
    });
    doc
      .moveTo(A4.margin, y + rowHeight)
      .lineTo(A4.margin + width, y + rowHeight)
      .lineWidth(0.3)
      .strokeColor('#cccccc')
      .stroke();
    doc.x = A4.margin;
    doc.y = y + rowHeight;
  };
  const header = table.columns.map((c) => pdfText(c.header[lang]));
  drawRow(header, true);
  table.lines.forEach((line, i) => {
    if (doc.y + rowHeight > A4.height - A4.margin) {
      doc.addPage();
      drawRow(header, true);
    }
    drawRow(
      table.columns.map((c) => cell(c, line)),
      i === table.lines.length - 1,
    );
  });
  doc.end();
  return doc;
}
