import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ScanLayout } from '../components/scan-layout';
import { ScanResult } from '../components/scan-result';

/**
 * /s/c/:code and /s/o/:reference: where a flashcode leads when it is read with the
 * phone's own camera app. Behind the login like every staff page (the code grants
 * nothing); after signing in the person lands back here.
 */
export function ScanLinkRoute() {
  const { t } = useTranslation();
  const { code, reference } = useParams();
  const key = (code ?? reference ?? '').trim();
  return (
    <ScanLayout title={reference ? t('scan.titleOrder') : t('scan.titleClient')}>
      {/* The key alone, not the address: the API resolves it whatever host served this page. */}
      <ScanResult key={key} code={key} />
      <Link to="/scan" className="button button--block scan-again">
        {t('scan.openScanner')}
      </Link>
    </ScanLayout>
  );
}
