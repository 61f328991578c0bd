import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type {
  Client,
  ClientKind,
  CreateOrderBody,
  OrderOptions,
  OrderOrigin,
} from '@gestco/contract';
import { ErrorAlert } from '@/components/ui/error-alert';
import { CheckboxField, SelectField, TextField } from '@/components/ui/form-field';
import { useToast } from '@/components/ui/toast';
import { isApiError } from '@/lib/api-client';
import { useFormatPercent } from '@/lib/format-number';
import { useCurrentUser } from '@/lib/session';
import { randomUuid } from '@/lib/uuid';
import { useCreateOrder } from '../api/create-order';
import { useClientLookup } from '../api/lookup-client';
import { useClientSearch } from '../api/search-clients';
import { OrderFieldsEditor } from './order-fields-editor';
import { ORDER_FIELDS_SHOWN, useOrderFormErrors } from './order-form-errors';
import {
  billingFromClient,
  emptyAddress,
  emptyOrderForm,
  orderFieldsFrom,
  toCreateBody,
  type ClientErrors,
  type OrderClientChoice,
  type OrderFormValues,
} from './order-form-values';
import { FORM_ORIGINS } from './order-options';

/** Fewer digits than this is not a phone number yet: nothing is asked. */
const MIN_PHONE_DIGITS = 6;
const LOOKUP_DEBOUNCE_MS = 400;
const CLIENT_KINDS: ClientKind[] = ['individual', 'company'];

const lookupValue = (text: string) =>
  text.replace(/\D/g, '').length >= MIN_PHONE_DIGITS ? text.trim() : '';

interface NewOrderFormProps {
  options: OrderOptions;
  /** From the address (`?phone=`): the client page's "new order" link. */
  initialPhone: string;
}

/**
 * The order desk while the client is on the phone: the number first (the client
 * fills in), then the products with live totals. One Idempotency-Key per
 * submission: a double-click or a retry after a lost answer never makes two orders.
 */
export function NewOrderForm({ options, initialPhone }: NewOrderFormProps) {
  const { t, i18n } = useTranslation();
  const toast = useToast();
  const navigate = useNavigate();
  const me = useCurrentUser();
  const formatPercent = useFormatPercent();
  const formRef = useRef<HTMLFormElement>(null);
  const clientStatusId = useId();
  const createOrder = useCreateOrder();
  const [values, setValues] = useState<OrderFormValues>(() => emptyOrderForm(me.id));
  const [clientErrors, setClientErrors] = useState<ClientErrors>({});
  const [newClientKind, setNewClientKind] = useState<ClientKind>('individual');
  // Said on every order, so the desk sees what happens; the product's default is to confirm.
  const [notify, setNotify] = useState(options.notifyByDefault['order_created'] ?? true);
  const submission = useRef<{ key: string; body: string } | null>(null);

  // The phone lookup: asked once typing pauses; the answer fills the billing block.
  const [phone, setPhone] = useState(initialPhone);
  const [phoneQuery, setPhoneQuery] = useState(lookupValue(initialPhone));
  useEffect(() => {
    const timer = window.setTimeout(() => setPhoneQuery(lookupValue(phone)), LOOKUP_DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [phone]);
  const lookup = useClientLookup(phoneQuery);
  // A client picked by name (calling from a number not on file) wins over the lookup.
  const [picked, setPicked] = useState<Client | null>(null);
  const found = picked ?? (phoneQuery !== '' ? (lookup.data ?? null) : null);
  const notFound =
    !picked &&
    phoneQuery !== '' &&
    isApiError(lookup.error) &&
    lookup.error.code === 'CLIENT_NOT_FOUND';
  const searching = !picked && (lookupValue(phone) !== phoneQuery || lookup.isFetching);

  // Adjusting state to a new answer while rendering (not in an effect): one pass, no flicker.
  const [filledFor, setFilledFor] = useState<number | null>(null);
  const [missFor, setMissFor] = useState('');
  if (found && found.id !== filledFor) {
    setFilledFor(found.id);
    setValues((current) => ({ ...current, billing: billingFromClient(found) }));
  }
  if (notFound && missFor !== phoneQuery) {
    setMissFor(phoneQuery);
    setFilledFor(null);
    // Another client's details must not stay on a new client's order.
    setValues((current) => ({
      ...current,
      billing:
        filledFor !== null
          ? { ...emptyAddress(), phone: phoneQuery }
          : { ...current.billing, phone: current.billing.phone || phoneQuery },
    }));
  }

  const error = createOrder.error;
  const errorOf = useOrderFormErrors(error, clientErrors);

  // After a refusal, take the person to the first field to fix.
  useEffect(() => {
    if (error || Object.keys(clientErrors).length > 0)
      formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [error, clientErrors]);

  /** The same body keeps its key (a retry replays the first answer); a changed one gets a new key. */
  function keyFor(body: CreateOrderBody): string {
    const json = JSON.stringify(body);
    if (submission.current?.body !== json) submission.current = { key: randomUuid(), body: json };
    return submission.current.key;
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (createOrder.isPending) return;
    if (searching) {
      // The number typed has not been looked up yet: do it now; the person saves once it answers.
      setPhoneQuery(lookupValue(phone));
      return;
    }
    const result = orderFieldsFrom(values, i18n.language, { billingRequired: !found });
    if (!result.ok) {
      setClientErrors(result.errors);
      return;
    }
    setClientErrors({});
    const billing = result.fields.billingAddress;
    const client: OrderClientChoice = found
      ? { clientId: found.id }
      : {
          newClient: {
            kind: newClientKind,
            name: billing?.name ?? '',
            ...(billing?.email ? { email: billing.email } : {}),
            ...(billing?.phone || phone.trim() ? { phone: billing?.phone ?? phone.trim() } : {}),
          },
        };
    const body = { ...toCreateBody(result.fields, client, values.origin), notify };
    createOrder.mutate(
      { body, idempotencyKey: keyFor(body) },
      {
        onSuccess: (order) => {
          submission.current = null;
          toast.success(t('orders.created', { reference: order.reference }));
          void navigate(`/orders/${order.id}`);
        },
      },
    );
  }

  const hasClientErrors = Object.keys(clientErrors).length > 0;
  const duplicateId =
    isApiError(error) && error.code === 'DUPLICATE_CLIENT' ? error.existingId : undefined;

  return (
    <form ref={formRef} className="form form--grid order-form" onSubmit={onSubmit} noValidate>
      <div className="form__wide">
        {hasClientErrors ? (
          <p role="alert" className="alert alert--error">
            {t('errors.codes.VALIDATION_FAILED')}
          </p>
        ) : (
          <ErrorAlert error={error} fieldsShown={ORDER_FIELDS_SHOWN}>
            {duplicateId !== undefined && (
              <p>
                <Link to={`/clients/${duplicateId}`}>{t('clients.form.duplicateLink')}</Link>
              </p>
            )}
          </ErrorAlert>
        )}
      </div>
      <fieldset className="fieldset form__wide">
        <legend>{t('orders.form.client')}</legend>
        <div className="form form--grid">
          <TextField
            label={t('orders.form.clientPhone')}
            hint={t('orders.form.clientPhoneHint')}
            name="clientPhone"
            type="tel"
            autoComplete="off"
            maxLength={30}
            // The first thing asked on the phone: the caller's number.
            autoFocus
            value={phone}
            aria-controls={clientStatusId}
            onChange={(event) => setPhone(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') {
                event.preventDefault();
                setPhoneQuery(lookupValue(phone));
              }
            }}
          />
          <SelectField
            label={t('orders.fields.origin')}
            name="origin"
            value={values.origin}
            onChange={(event) =>
              setValues((current) => ({ ...current, origin: event.target.value as OrderOrigin }))
            }
          >
            {FORM_ORIGINS.map((origin) => (
              <option key={origin} value={origin}>
                {t(`orders.origins.${origin}`)}
              </option>
            ))}
          </SelectField>
        </div>
        <div id={clientStatusId} aria-live="polite" className="order-form__client">
          {!picked && phoneQuery !== '' && lookup.isFetching && (
            <p className="muted">{t('orders.form.lookingUp')}</p>
          )}
          {found && (picked || !lookup.isFetching) && (
            <div className="client-match">
              <p>
                <strong>{found.name}</strong> <code>{found.code}</code>{' '}
                <span
                  className={
                    found.status === 'current' ? 'badge badge--success' : 'badge badge--info'
                  }
                >
                  {t(`clients.statuses.${found.status}`)}
                </span>
              </p>
              <p className="muted">
                {t('orders.form.clientFound', { discount: formatPercent(found.discountRate) })}{' '}
                <Link to={`/clients/${found.id}`} target="_blank" rel="noopener">
                  {t('orders.form.openClient')}
                </Link>
              </p>
              {picked && (
                <button
                  type="button"
                  className="button button--small"
                  onClick={() => {
                    setPicked(null);
                    setFilledFor(null);
                    setValues((current) => ({ ...current, billing: emptyAddress() }));
                  }}
                >
                  {t('orders.form.changeClient')}
                </button>
              )}
            </div>
          )}
          {!picked && lookup.error && !notFound && <ErrorAlert error={lookup.error} />}
          {!found && (notFound || phoneQuery === '') && (
            <div className="client-match client-match--new">
              <p>{notFound ? t('orders.form.clientNotFound') : t('orders.form.noPhone')}</p>
              <ClientPicker onPick={setPicked} />
              <SelectField
                label={t('orders.form.newClientKind')}
                name="newClientKind"
                value={newClientKind}
                onChange={(event) => setNewClientKind(event.target.value as ClientKind)}
              >
                {CLIENT_KINDS.map((kind) => (
                  <option key={kind} value={kind}>
                    {t(`clients.kinds.${kind}`)}
                  </option>
                ))}
              </SelectField>
            </div>
          )}
        </div>
      </fieldset>
      <OrderFieldsEditor
        values={values}
        onChange={setValues}
        errorOf={errorOf}
        context={{
          options,
          clientDiscountRate: found?.discountRate ?? '0',
          shippingVatRate: options.defaultVatRate,
          initialCoupon: null,
          me: { id: me.id, name: me.name },
          linesLocked: false,
          showTracking: false,
        }}
      />
      <div className="form__wide">
        <CheckboxField
          label={t('orders.form.notify')}
          name="notify"
          checked={notify}
          onChange={(event) => setNotify(event.target.checked)}
        />
      </div>
      <div className="form__actions form__wide">
        <Link className="button" to="/orders">
          {t('common.cancel')}
        </Link>
        <button
          type="submit"
          className="button button--primary"
          disabled={createOrder.isPending}
          aria-busy={createOrder.isPending || undefined}
        >
          {t('orders.form.submitCreate')}
        </button>
      </div>
    </form>
  );
}

const SEARCH_DEBOUNCE_MS = 250;

/** The caller is a client, but not with this number: find them by name, code or e-mail. */
function ClientPicker({ onPick }: { onPick: (client: Client) => void }) {
  const { t } = useTranslation();
  const resultsId = useId();
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  useEffect(() => {
    const timer = window.setTimeout(() => setQuery(text.trim()), SEARCH_DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [text]);
  const matches = useClientSearch(query);
  const items = query === '' ? [] : (matches.data ?? []).filter((client) => !client.archived);
  return (
    <div className="product-picker">
      <TextField
        label={t('orders.form.findClient')}
        hint={t('orders.form.findClientHint')}
        type="search"
        autoComplete="off"
        maxLength={100}
        value={text}
        aria-controls={resultsId}
        onChange={(event) => setText(event.target.value)}
        // Enter searches here; it must not submit the order.
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            setQuery(text.trim());
          }
        }}
      />
      <div id={resultsId} aria-live="polite">
        {matches.error && <ErrorAlert error={matches.error} />}
        {query !== '' && matches.data && !matches.isPlaceholderData && items.length === 0 && (
          <p className="muted">{t('orders.form.noClientMatch')}</p>
        )}
        {items.length > 0 && (
          <ul className="product-picker__results">
            {items.map((client) => (
              <li key={client.id}>
                <button
                  type="button"
                  className="button button--small"
                  aria-label={t('orders.form.pickClient', { name: client.name, code: client.code })}
                  onClick={() => onPick(client)}
                >
                  {client.name} <code>{client.code}</code>
                  {client.phoneNational && <span className="muted"> · {client.phoneNational}</span>}
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
