import { useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReportPdfBody, ReportSpec } from '@gestco/contract';
import { ExportMenu } from '@/components/ui/export-menu';
import { useToast } from '@/components/ui/toast';
import { downloadFile } from '@/lib/download';
import { errorMessage } from '@/lib/error-message';

interface ReportExportsProps {
  spec: ReportSpec;
  title: string;
  /** The chart's canvas, when one is drawn: the PDF carries its PNG. */
  canvasRef: RefObject<HTMLCanvasElement | null>;
}

/** The table as CSV or XLSX (the spec in the query string), and the whole report as PDF. */
export function ReportExports({ spec, title, canvasRef }: ReportExportsProps) {
  const { t, i18n } = useTranslation();
  const toast = useToast();
  const [busy, setBusy] = useState(false);

  async function downloadPdf() {
    setBusy(true);
    try {
      const canvas = canvasRef.current;
      // The chart as drawn on screen (what chart.js's toBase64Image() returns).
      const chart = canvas ? canvas.toDataURL('image/png') : undefined;
      const body: ReportPdfBody = {
        spec,
        title: title.slice(0, 200),
        lang: i18n.language.startsWith('en') ? 'en' : 'fr',
        ...(chart?.startsWith('data:image/png;base64,') ? { chart } : {}),
      };
      const name = await downloadFile({
        path: '/exports/report/pdf',
        body,
        fallbackName: `${t('reports.exports.fileName')}.pdf`,
      });
      toast.success(t('exports.done', { name }));
    } catch (error) {
      toast.error(errorMessage(error, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <ExportMenu
        path="/exports/report"
        query={spec}
        fileName={t('reports.exports.fileName')}
        label={t('reports.exports.table')}
      />
      <button
        type="button"
        className="button"
        aria-busy={busy || undefined}
        disabled={busy}
        onClick={() => void downloadPdf()}
      >
        {busy ? t('exports.busy') : t('reports.exports.pdf')}
      </button>
    </>
  );
}
