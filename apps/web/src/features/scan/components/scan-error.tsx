import { useTranslation } from 'react-i18next';
import { isApiError } from '@/lib/api-client';
import { errorMessage } from '@/lib/error-message';

/** The code as a person would read it: the last part of a flashcode address, or what was typed. */
function shownCode(code: string): string {
  try {
    const url = new URL(code);
    const last = url.pathname.split('/').filter(Boolean).pop();
    return last ? decodeURIComponent(last) : url.host;
  } catch {
    return code.trim();
  }
}

function hostOf(code: string): string | null {
  try {
    return new URL(code).host || null;
  } catch {
    return null;
  }
}

const SCAN_CODES = [
  'CODE_NOT_RECOGNISED',
  'FOREIGN_CODE',
  'CLIENT_NOT_FOUND',
  'ORDER_NOT_FOUND',
  'CLIENT_ARCHIVED',
] as const;
type ScanErrorCode = (typeof SCAN_CODES)[number];

const isScanCode = (code: string): code is ScanErrorCode =>
  (SCAN_CODES as readonly string[]).includes(code);

/** Why a code leads nowhere, said for the person holding the phone (not the API's English). */
export function ScanError({ code, error }: { code: string; error: unknown }) {
  const { t } = useTranslation();
  const known = isApiError(error) && isScanCode(error.code) ? error.code : null;
  const host = hostOf(code);
  return (
    <div role="alert" className="alert alert--error scan-alert">
      {known ? (
        <>
          <p className="scan-alert__title">{t(`scan.errors.${known}.title`)}</p>
          <p>
            {known === 'FOREIGN_CODE' && host
              ? t('scan.errors.FOREIGN_CODE.bodyHost', { host })
              : t(`scan.errors.${known}.body`, { code: shownCode(code) })}
          </p>
        </>
      ) : (
        <p>{errorMessage(error, t)}</p>
      )}
    </div>
  );
}
