import { useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { PublicOrderBody, PublicOrderResult, PublicQuickOrderPage } from '@gestco/contract';
import { randomUuid } from '@/lib/uuid';
import { QuickOrderError, placeQuickOrder } from './api';
import { MAX_LINES, type Cart } from './cart';
import { today } from './format';
import type { MessageKey } from './messages';
import { TotalsSummary } from './totals-summary';
import { useTranslator } from './translator';

interface Failure {
  message: MessageKey;
  seconds?: number;
  /** Retry sends the same body with the same key: the server replays rather than duplicates. */
  action: 'retry' | 'reload' | null;
}

function failureOf(error: unknown): Failure {
  if (!(error instanceof QuickOrderError)) return { message: 'orderFailed', action: 'retry' };
  if (error.status === 0) return { message: 'networkError', action: 'retry' };
  if (error.status === 429)
    return error.retryAfter
      ? { message: 'rateLimited', seconds: error.retryAfter, action: 'retry' }
      : { message: 'rateLimitedSoon', action: 'retry' };
  if (error.code === 'IDEMPOTENCY_IN_PROGRESS' || error.status >= 500)
    return { message: 'orderFailed', action: 'retry' };
  if (error.status === 409) return { message: 'orderConflict', action: 'reload' };
  if (error.status === 400 || error.status === 422)
    return { message: 'orderInvalid', action: null };
  return { message: 'orderFailed', action: 'retry' };
}

/**
 * The cart: a bar stuck to the bottom of the screen (count and total), which
 * opens the lines, the totals, the comment and delivery date, and the submit.
 */
export function CartPanel({
  token,
  page,
  cart,
  format,
  onPlaced,
  onInvalidLink,
}: {
  token: string;
  page: PublicQuickOrderPage;
  cart: Cart;
  format: (minor: number) => string;
  onPlaced: (result: PublicOrderResult) => void;
  onInvalidLink: () => void;
}) {
  const { t, tc } = useTranslator();
  const panelId = useId();
  const titleId = useId();
  const [open, setOpen] = useState(false);
  const [comment, setComment] = useState('');
  const [deliveryDate, setDeliveryDate] = useState('');
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  /** The key of the body last sent; a changed body is another order and gets a new key. */
  const attempt = useRef<{ body: string; key: string } | null>(null);
  const barRef = useRef<HTMLButtonElement>(null);

  async function submit() {
    if (pending || cart.lines.length === 0) return;
    const body: PublicOrderBody = {
      lines: cart.lines.map(({ productId, quantity }) => ({ productId, quantity })),
      ...(comment.trim() ? { comment: comment.trim() } : {}),
      ...(deliveryDate ? { requestedDeliveryDate: deliveryDate } : {}),
    };
    const serialised = JSON.stringify(body);
    if (attempt.current?.body !== serialised)
      attempt.current = { body: serialised, key: randomUuid() };
    setPending(true);
    setFailure(null);
    try {
      const result = await placeQuickOrder(token, body, attempt.current.key);
      attempt.current = null;
      cart.clear();
      setComment('');
      setDeliveryDate('');
      setOpen(false);
      onPlaced(result);
    } catch (error) {
      if (error instanceof QuickOrderError && error.status === 404) onInvalidLink();
      else setFailure(failureOf(error));
    } finally {
      setPending(false);
    }
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void submit();
  }

  const empty = cart.lines.length === 0;

  return (
    // The bar comes first in the document (Tab goes from it into the open cart); CSS puts the cart above it.
    <aside
      className={open ? 'qo-cart qo-cart--open' : 'qo-cart'}
      aria-labelledby={titleId}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) {
          setOpen(false);
          barRef.current?.focus();
        }
      }}
    >
      <h2 id={titleId} className="qo-visually-hidden">
        {t('cart')}
      </h2>
      <button
        type="button"
        ref={barRef}
        className="qo-cart__bar"
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        onClick={() => setOpen(!open)}
      >
        <span className="qo-cart__count">{tc('items', cart.itemCount)}</span>
        <span className="qo-cart__total">
          {t('total')} <strong>{format(cart.totals.total)}</strong>
        </span>
        <span className="qo-cart__toggle">{open ? t('hideCart') : t('showCart')}</span>
      </button>
      {open && (
        <div id={panelId} className="qo-cart__panel">
          {empty ? (
            <p className="qo-empty">{t('emptyCart')}</p>
          ) : (
            <form className="qo-cart__form" onSubmit={onSubmit} noValidate>
              <ul className="qo-cart__lines">
                {cart.lines.map((line) => (
                  <li key={line.productId} className="qo-cart__line">
                    <span className="qo-cart__name">{line.product.name}</span>
                    <span className="qo-muted">
                      {t('lineDetail', {
                        quantity: line.quantity,
                        price: format(line.product.listPrice),
                      })}
                    </span>
                    <span className="qo-cart__amount">{format(line.total)}</span>
                    <button
                      type="button"
                      className="qo-link-button"
                      onClick={() => cart.setQuantity(line.productId, 0)}
                    >
                      {t('remove', { name: line.product.name })}
                    </button>
                  </li>
                ))}
              </ul>
              {cart.isFull && <p className="qo-note">{t('maxLines', { max: MAX_LINES })}</p>}
              <TotalsSummary
                totals={cart.totals}
                discountRate={page.discountRate}
                format={format}
              />
              <Field label={t('comment')}>
                {(id) => (
                  <textarea
                    id={id}
                    className="qo-input"
                    rows={2}
                    maxLength={1000}
                    value={comment}
                    onChange={(event) => setComment(event.target.value)}
                  />
                )}
              </Field>
              <Field label={t('deliveryDate')}>
                {(id) => (
                  <input
                    id={id}
                    className="qo-input"
                    type="date"
                    min={today()}
                    value={deliveryDate}
                    onChange={(event) => setDeliveryDate(event.target.value)}
                  />
                )}
              </Field>
              {failure && (
                <div role="alert" className="qo-alert">
                  <p>
                    {t(
                      failure.message,
                      failure.seconds !== undefined ? { seconds: failure.seconds } : {},
                    )}
                  </p>
                  {failure.action === 'retry' && (
                    <button
                      type="button"
                      className="qo-button"
                      disabled={pending}
                      onClick={() => void submit()}
                    >
                      {t('retry')}
                    </button>
                  )}
                  {failure.action === 'reload' && (
                    <button
                      type="button"
                      className="qo-button"
                      onClick={() => window.location.reload()}
                    >
                      {t('reload')}
                    </button>
                  )}
                </div>
              )}
              <button
                type="submit"
                className="qo-button qo-button--primary qo-button--wide"
                disabled={pending}
                aria-busy={pending || undefined}
              >
                {pending ? t('submitting') : t('submit')}
              </button>
            </form>
          )}
        </div>
      )}
    </aside>
  );
}

function Field({ label, children }: { label: string; children: (id: string) => ReactNode }) {
  const id = useId();
  return (
    <div className="qo-field">
      <label htmlFor={id} className="qo-label">
        {label}
      </label>
      {children(id)}
    </div>
  );
}
