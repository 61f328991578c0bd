import { useEffect, useLayoutEffect, useMemo, useState } from 'react';
import type { PublicOrderResult, PublicQuickOrderPage } from '@gestco/contract';
import { QuickOrderError, getQuickOrderPage } from './api';
import { CartPanel } from './cart-panel';
import { useCart } from './cart';
import { Confirmation } from './confirmation';
import { createPriceFormatter, formatRate } from './format';
import { InvalidLink } from './invalid-link';
import { browserLanguage, createTranslator, isLanguage } from './messages';
import { ProductList } from './product-list';
import { TranslatorProvider, useTranslator } from './translator';

/** The shape of a token (43 base64url characters): anything else is not worth a request. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

type Load =
  | { status: 'loading' }
  | { status: 'ready'; page: PublicQuickOrderPage }
  | { status: 'invalid' }
  | { status: 'failed'; error: QuickOrderError };

/** A client's ordering page at /q/:token: no account, their prices, their language. */
export function QuickOrderApp({
  token,
  firstLoad = null,
}: {
  token: string;
  /** The catalogue request main.tsx started before React loaded, used for the first load. */
  firstLoad?: Promise<PublicQuickOrderPage> | null;
}) {
  const wellFormed = TOKEN_SHAPE.test(token);
  const [load, setLoad] = useState<Load>(() =>
    wellFormed ? { status: 'loading' } : { status: 'invalid' },
  );
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!wellFormed) return;
    const controller = new AbortController();
    const request =
      attempt === 0 && firstLoad ? firstLoad : getQuickOrderPage(token, controller.signal);
    request.then(
      (page) => setLoad({ status: 'ready', page }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        if (error instanceof QuickOrderError && error.status === 404)
          setLoad({ status: 'invalid' });
        else
          setLoad({
            status: 'failed',
            error:
              error instanceof QuickOrderError
                ? error
                : new QuickOrderError(0, 'UNEXPECTED_RESPONSE'),
          });
      },
    );
    return () => controller.abort();
  }, [token, wellFormed, attempt, firstLoad]);

  const clientLanguage = load.status === 'ready' ? load.page.client.language : null;
  const language =
    clientLanguage && isLanguage(clientLanguage) ? clientLanguage : browserLanguage();
  const translator = useMemo(() => createTranslator(language), [language]);

  // In the same commit as the text it describes (a screen reader never reads French as English).
  useLayoutEffect(() => {
    document.documentElement.lang = language;
  }, [language]);

  const businessName = load.status === 'ready' ? load.page.business.name : null;
  useEffect(() => {
    document.title = businessName
      ? `${translator.t('orderTitle')} — ${businessName}`
      : translator.t('orderTitle');
  }, [businessName, translator]);

  return (
    <TranslatorProvider value={translator}>
      {load.status === 'ready' ? (
        <OrderPage
          token={token}
          page={load.page}
          onInvalidLink={() => setLoad({ status: 'invalid' })}
        />
      ) : load.status === 'invalid' ? (
        <InvalidLink />
      ) : load.status === 'failed' ? (
        <LoadFailed
          error={load.error}
          onRetry={() => {
            setLoad({ status: 'loading' });
            setAttempt((n) => n + 1);
          }}
        />
      ) : (
        <main className="qo-main qo-message" aria-busy="true">
          <p>{translator.t('loading')}</p>
        </main>
      )}
    </TranslatorProvider>
  );
}

function LoadFailed({ error, onRetry }: { error: QuickOrderError; onRetry: () => void }) {
  const { t } = useTranslator();
  const message =
    error.status === 0
      ? t('networkError')
      : error.status === 429
        ? error.retryAfter
          ? t('rateLimited', { seconds: error.retryAfter })
          : t('rateLimitedSoon')
        : t('loadFailed');
  return (
    <main className="qo-main qo-message">
      <div role="alert" className="qo-alert">
        <p>{message}</p>
      </div>
      <button type="button" className="qo-button qo-button--primary" onClick={onRetry}>
        {t('retry')}
      </button>
    </main>
  );
}

function OrderPage({
  token,
  page,
  onInvalidLink,
}: {
  token: string;
  page: PublicQuickOrderPage;
  onInvalidLink: () => void;
}) {
  const { t, locale } = useTranslator();
  const cart = useCart(token, page);
  const [placed, setPlaced] = useState<PublicOrderResult | null>(null);
  const format = useMemo(
    () => createPriceFormatter(locale, page.currency),
    [locale, page.currency],
  );
  const discounted = Number(page.discountRate) > 0;

  return (
    <>
      <header className="qo-header">
        {page.business.logoUrl && (
          <img
            className="qo-header__logo"
            src={page.business.logoUrl}
            alt=""
            height={40}
            referrerPolicy="no-referrer"
          />
        )}
        <p className="qo-header__name">{page.business.name}</p>
      </header>
      {placed ? (
        <main className="qo-main">
          <Confirmation
            result={placed}
            discountRate={page.discountRate}
            format={
              placed.currency === page.currency
                ? format
                : createPriceFormatter(locale, placed.currency)
            }
            onNewOrder={() => setPlaced(null)}
          />
        </main>
      ) : (
        <>
          <main className="qo-main qo-main--with-cart">
            <h1 className="qo-greeting">{t('greeting', { name: page.client.displayName })}</h1>
            <p className="qo-intro">
              {t('intro', { currency: page.currency })}
              {discounted &&
                ` ${t('discountIncluded', { rate: formatRate(page.discountRate, locale) })}`}
            </p>
            <ProductList
              products={page.products}
              categories={page.categories}
              cart={cart}
              format={format}
            />
          </main>
          <CartPanel
            token={token}
            page={page}
            cart={cart}
            format={format}
            onPlaced={setPlaced}
            onInvalidLink={onInvalidLink}
          />
        </>
      )}
    </>
  );
}
