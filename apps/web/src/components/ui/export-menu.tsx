import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ParseKeys } from 'i18next';
import type { RequestOptions } from '@/lib/api-client';
import { downloadFile } from '@/lib/download';
import { errorMessage } from '@/lib/error-message';
import { canReadReports } from '@/lib/report-access';
import { useCurrentUser } from '@/lib/session';
import { useToast } from './toast';

/** The file kinds offered: what the API's `format` and `separator` make of them. */
const CHOICES = [
  { key: 'csvExcel', format: 'csv', separator: 'semicolon', extension: 'csv' },
  { key: 'csv', format: 'csv', separator: 'comma', extension: 'csv' },
  { key: 'xlsx', format: 'xlsx', separator: undefined, extension: 'xlsx' },
] as const satisfies readonly {
  key: string;
  format: 'csv' | 'xlsx';
  separator: 'semicolon' | 'comma' | undefined;
  extension: string;
}[];
type Choice = (typeof CHOICES)[number];

const LABELS: Record<Choice['key'], ParseKeys> = {
  csvExcel: 'exports.csvExcel',
  csv: 'exports.csv',
  xlsx: 'exports.xlsx',
};

export interface ExportMenuProps {
  /** The export endpoint under /api/v1, e.g. `/exports/orders`. */
  path: string;
  /** The filters of the list on screen: the file holds what the list shows. */
  query?: object;
  /** The file's name when the answer gives none, without extension (e.g. "commandes"). */
  fileName: string;
  /** Names the button for screen readers when several exports share a page. */
  label?: string;
}

/** `format`, `separator` and `lang` for one choice, added to the list's filters. */
export function exportQuery(
  choice: Pick<Choice, 'format' | 'separator'>,
  query: ExportMenuProps['query'],
  language: string,
): RequestOptions['query'] {
  return {
    ...query,
    format: choice.format,
    separator: choice.separator,
    lang: language.startsWith('en') ? 'en' : 'fr',
  };
}

/**
 * "Export" button opening a short list of file kinds (a disclosure, not an ARIA
 * menu: plain buttons in tab order). Hidden from roles that may not export.
 */
export function ExportMenu(props: ExportMenuProps) {
  const { role } = useCurrentUser();
  return canReadReports(role) ? <ExportMenuButton {...props} /> : null;
}

function ExportMenuButton({ path, query, fileName, label }: ExportMenuProps) {
  const { t, i18n } = useTranslation();
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const listId = useId();

  // A click elsewhere closes the list, as any menu would.
  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  // The chosen item is gone with the list: focus returns to the button once it is enabled again.
  const wasBusy = useRef(false);
  useEffect(() => {
    if (wasBusy.current && !busy) buttonRef.current?.focus();
    wasBusy.current = busy;
  }, [busy]);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key === 'Escape' && open) {
      event.stopPropagation();
      setOpen(false);
      buttonRef.current?.focus();
    }
  }

  async function download(choice: Choice) {
    setOpen(false);
    setBusy(true);
    try {
      const name = await downloadFile({
        path,
        query: exportQuery(choice, query, i18n.language),
        fallbackName: `${fileName}.${choice.extension}`,
      });
      toast.success(t('exports.done', { name }));
    } catch (error) {
      toast.error(errorMessage(error, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="export-menu" ref={rootRef} onKeyDown={onKeyDown}>
      <button
        ref={buttonRef}
        type="button"
        className="button"
        aria-expanded={open}
        aria-controls={listId}
        aria-label={busy ? undefined : label}
        aria-busy={busy || undefined}
        disabled={busy}
        onClick={() => setOpen((current) => !current)}
      >
        {busy ? t('exports.busy') : t('exports.button')}
      </button>
      <ul id={listId} className="export-menu__list" hidden={!open}>
        {CHOICES.map((choice) => (
          <li key={choice.key}>
            <button
              type="button"
              className="export-menu__item"
              onClick={() => void download(choice)}
            >
              {t(LABELS[choice.key])}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
