import { useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useToast } from '@/components/ui/toast';
import { isApiError } from '@/lib/api-client';
import { errorMessage } from '@/lib/error-message';
import { ordersKeys } from '@/lib/query-keys';
import { clientLookupQueryOptions } from '../api/lookup-client';
import { orderLookupQueryOptions } from '../api/lookup-order';

/** The id `/` focuses (app layout). */
export const GLOBAL_SEARCH_ID = 'global-search';

export type SearchIntent =
  | { kind: 'reference'; reference: string }
  | { kind: 'phone'; phone: string }
  | { kind: 'text'; q: string };

/**
 * What was typed in the global search box: a phone number (digits, spaces, dots,
 * a leading +), an order reference (one word mixing letters and digits, such as
 * CMD-2026-000123: the format is set in the settings), or anything else.
 */
export function searchIntent(text: string): SearchIntent {
  const trimmed = text.trim();
  if (/^\+?[\d\s().-]+$/.test(trimmed) && trimmed.replace(/\D/g, '').length >= 6)
    return { kind: 'phone', phone: trimmed };
  if (/^[\p{L}\d][\p{L}\d/_.-]*$/u.test(trimmed) && /\p{L}/u.test(trimmed) && /\d/.test(trimmed))
    return { kind: 'reference', reference: trimmed.toUpperCase() };
  return { kind: 'text', q: trimmed };
}

const notFound = (error: unknown) => isApiError(error) && error.status === 404;

/**
 * The box in the top bar (seed 001: "find an order by its number", "find a
 * client by phone"): a reference opens the order, a phone number the client,
 * anything else the orders list searched for it. `/` focuses it.
 */
export function GlobalSearch() {
  const { t } = useTranslation();
  const toast = useToast();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const hintId = useId();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);

  async function go(intent: SearchIntent): Promise<string> {
    if (intent.kind === 'reference') {
      try {
        const order = await queryClient.fetchQuery(orderLookupQueryOptions(intent.reference));
        queryClient.setQueryData(ordersKeys.detail(order.id), order);
        return `/orders/${order.id}`;
      } catch (error) {
        if (!notFound(error)) throw error;
        return `/orders?${new URLSearchParams({ q: intent.reference }).toString()}`;
      }
    }
    if (intent.kind === 'phone') {
      try {
        const client = await queryClient.fetchQuery(clientLookupQueryOptions(intent.phone));
        return `/clients/${client.id}`;
      } catch (error) {
        if (!notFound(error)) throw error;
        return `/orders?${new URLSearchParams({ q: intent.phone }).toString()}`;
      }
    }
    return `/orders?${new URLSearchParams({ q: intent.q }).toString()}`;
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (text.trim() === '' || busy) return;
    setBusy(true);
    go(searchIntent(text))
      .then((to) => {
        setText('');
        void navigate(to);
      })
      .catch((error: unknown) => toast.error(errorMessage(error, t)))
      .finally(() => setBusy(false));
  }

  return (
    <form
      role="search"
      className="global-search"
      aria-label={t('search.label')}
      onSubmit={onSubmit}
    >
      <label htmlFor={GLOBAL_SEARCH_ID} className="visually-hidden">
        {t('search.input')}
      </label>
      <input
        id={GLOBAL_SEARCH_ID}
        className="input global-search__input"
        type="search"
        autoComplete="off"
        maxLength={100}
        placeholder={t('search.placeholder')}
        aria-describedby={hintId}
        aria-keyshortcuts="/"
        aria-busy={busy || undefined}
        value={text}
        onChange={(event) => setText(event.target.value)}
      />
      <span id={hintId} className="visually-hidden">
        {t('search.hint')}
      </span>
      <button type="submit" className="button button--small global-search__button" disabled={busy}>
        <span aria-hidden="true">⌕</span>
        <span className="visually-hidden">{t('search.submit')}</span>
      </button>
    </form>
  );
}
