import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { ScanResult as ScanResultData } from '@gestco/contract';
import { useCurrentUser } from '@/lib/session';
import { CameraScanner } from '../components/camera-scanner';
import { ManualEntry } from '../components/manual-entry';
import { useRecentScans } from '../components/recent-scans';
import { RecentScansList } from '../components/recent-scans-list';
import { ScanLayout } from '../components/scan-layout';
import { signalScan } from '../components/scan-feedback';
import { ScanResult } from '../components/scan-result';

/**
 * /scan: the phone view. The camera reads a flashcode (or a code is typed), the
 * result replaces the camera, and its big buttons move the order on. The code is
 * in the URL (?code=): the phone's Back button returns to the camera.
 */
export function ScanRoute() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const code = params.get('code')?.trim() || null;
  const recent = useRecentScans(user.id);
  const { remember } = recent;

  const open = useCallback((text: string) => setParams({ code: text }), [setParams]);
  const onDecode = useCallback(
    (text: string) => {
      signalScan();
      open(text);
    },
    [open],
  );
  const onResolved = useCallback(
    (result: ScanResultData, scanned: string) =>
      remember(
        result.kind === 'order'
          ? { code: scanned, kind: 'order', label: result.order.reference }
          : { code: scanned, kind: 'client', label: result.client.name },
      ),
    [remember],
  );

  return (
    <ScanLayout title={t('scan.title')}>
      {code ? (
        <>
          <ScanResult key={code} code={code} onResolved={(result) => onResolved(result, code)} />
          <button
            type="button"
            className="button button--block scan-again"
            onClick={() => setParams({})}
          >
            {t('scan.again')}
          </button>
        </>
      ) : (
        <CameraScanner onDecode={onDecode} />
      )}
      <ManualEntry onSubmit={open} />
      <RecentScansList scans={recent.scans} onPick={open} onClear={recent.clear} />
    </ScanLayout>
  );
}
