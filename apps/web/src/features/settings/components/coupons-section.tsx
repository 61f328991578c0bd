import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Coupon, CreateCouponBody, UpdateCouponBody } from '@gestco/contract';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Dialog } from '@/components/ui/dialog';
import { ErrorAlert } from '@/components/ui/error-alert';
import { CheckboxField, SelectField, TextField } from '@/components/ui/form-field';
import { LoadingState } from '@/components/ui/loading-state';
import { useToast } from '@/components/ui/toast';
import { isApiError } from '@/lib/api-client';
import { errorMessage } from '@/lib/error-message';
import { dayToIso, isoToDay, useFormatDateTime } from '@/lib/format-date';
import { formatPercentInput, parsePercent, useFormatPercent } from '@/lib/format-number';
import { useMoney } from '@/lib/money';
import { useCreateCoupon } from '../api/create-coupon';
import { useDeleteCoupon } from '../api/delete-coupon';
import { useCoupons } from '../api/get-coupons';
import { useUpdateCoupon } from '../api/update-coupon';

type CouponKind = Coupon['kind'];
const KINDS: CouponKind[] = ['percent', 'amount'];

/** Discount codes for the order form: a percentage or an amount, dates, a usage limit. */
export function CouponsSection({ currency }: { currency: string }) {
  const { t } = useTranslation();
  const toast = useToast();
  const titleId = useId();
  const formatDate = useFormatDateTime();
  const formatPercent = useFormatPercent();
  const money = useMoney();
  const coupons = useCoupons();
  const deleteCoupon = useDeleteCoupon();
  const [editing, setEditing] = useState<Coupon | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Coupon | null>(null);
  const items = coupons.data ?? [];
  const columns = {
    discount: t('settings.coupons.discount'),
    validity: t('settings.coupons.validity'),
    uses: t('settings.coupons.uses'),
    status: t('common.status'),
    actions: t('common.actions'),
  };

  return (
    <section className="panel settings-section settings-section--wide" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('settings.coupons.title')}</h2>
      <p className="muted">{t('settings.coupons.intro')}</p>
      {coupons.error && <ErrorAlert error={coupons.error} />}
      {coupons.isPending ? (
        <LoadingState />
      ) : items.length === 0 ? (
        !coupons.error && <p className="empty">{t('settings.coupons.empty')}</p>
      ) : (
        <div className="table-wrapper table-wrapper--cards">
          <table className="table table--compact table--cards" role="table">
            <caption className="visually-hidden">{t('settings.coupons.title')}</caption>
            <thead role="rowgroup">
              <tr role="row">
                <th role="columnheader" scope="col">
                  {t('settings.coupons.code')}
                </th>
                <th role="columnheader" scope="col">
                  {columns.discount}
                </th>
                <th role="columnheader" scope="col">
                  {columns.validity}
                </th>
                <th role="columnheader" scope="col">
                  {columns.uses}
                </th>
                <th role="columnheader" scope="col">
                  {columns.status}
                </th>
                <th role="columnheader" scope="col">
                  {columns.actions}
                </th>
              </tr>
            </thead>
            <tbody role="rowgroup">
              {items.map((coupon) => (
                <tr key={coupon.id} role="row">
                  <th role="rowheader" scope="row">
                    <code>{coupon.code}</code>
                  </th>
                  <td role="cell" data-label={columns.discount}>
                    {coupon.kind === 'percent'
                      ? formatPercent(coupon.percent ?? '0')
                      : money.format(coupon.amount ?? 0, currency)}
                  </td>
                  <td role="cell" data-label={columns.validity}>
                    {coupon.validFrom && coupon.validUntil
                      ? t('settings.coupons.period', {
                          from: formatDate(coupon.validFrom, 'date'),
                          until: formatDate(coupon.validUntil, 'date'),
                        })
                      : coupon.validFrom
                        ? t('settings.coupons.from', { from: formatDate(coupon.validFrom, 'date') })
                        : coupon.validUntil
                          ? t('settings.coupons.until', {
                              until: formatDate(coupon.validUntil, 'date'),
                            })
                          : t('settings.coupons.always')}
                  </td>
                  <td role="cell" data-label={columns.uses}>
                    {coupon.usageLimit === null
                      ? t('settings.coupons.usedUnlimited', { count: coupon.usedCount })
                      : t('settings.coupons.used', {
                          count: coupon.usedCount,
                          limit: coupon.usageLimit,
                        })}
                  </td>
                  <td role="cell" data-label={columns.status}>
                    <span className={coupon.active ? 'badge badge--success' : 'badge'}>
                      {coupon.active
                        ? t('settings.coupons.active')
                        : t('settings.coupons.inactive')}
                    </span>
                  </td>
                  <td role="cell" data-label={columns.actions}>
                    <div className="table__actions">
                      <button
                        type="button"
                        className="button button--small"
                        aria-label={t('settings.coupons.editLabel', { code: coupon.code })}
                        onClick={() => setEditing(coupon)}
                      >
                        {t('common.edit')}
                      </button>
                      <button
                        type="button"
                        className="button button--small button--danger"
                        aria-label={t('settings.coupons.deleteLabel', { code: coupon.code })}
                        onClick={() => setDeleting(coupon)}
                      >
                        {t('settings.coupons.delete')}
                      </button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <button type="button" className="button" onClick={() => setEditing('new')}>
        <span aria-hidden="true">+ </span>
        {t('settings.coupons.new')}
      </button>
      <Dialog
        open={editing !== null}
        title={
          editing === 'new' || editing === null
            ? t('settings.coupons.createTitle')
            : t('settings.coupons.editTitle', { code: editing.code })
        }
        onClose={() => setEditing(null)}
      >
        {editing !== null && (
          <CouponForm
            coupon={editing === 'new' ? null : editing}
            currency={currency}
            onClose={() => setEditing(null)}
          />
        )}
      </Dialog>
      <ConfirmDialog
        open={deleting !== null}
        title={t('settings.coupons.deleteTitle', { code: deleting?.code ?? '' })}
        body={t('settings.coupons.deleteBody')}
        confirmLabel={t('settings.coupons.delete')}
        pending={deleteCoupon.isPending}
        onConfirm={() =>
          deleting &&
          deleteCoupon.mutate(deleting.id, {
            onSuccess: () => toast.success(t('settings.coupons.deleted', { code: deleting.code })),
            onError: (error) => toast.error(errorMessage(error, t)),
            onSettled: () => setDeleting(null),
          })
        }
        onCancel={() => setDeleting(null)}
      />
    </section>
  );
}

type Field = 'code' | 'value' | 'validFrom' | 'validUntil' | 'usageLimit';

function CouponForm({
  coupon,
  currency,
  onClose,
}: {
  coupon: Coupon | null;
  currency: string;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const toast = useToast();
  const money = useMoney();
  const createCoupon = useCreateCoupon();
  const updateCoupon = useUpdateCoupon();
  const mutation = coupon ? updateCoupon : createCoupon;
  const [code, setCode] = useState(coupon?.code ?? '');
  const [kind, setKind] = useState<CouponKind>(coupon?.kind ?? 'percent');
  const [value, setValue] = useState(
    coupon === null
      ? ''
      : coupon.kind === 'percent'
        ? formatPercentInput(coupon.percent ?? '0', i18n.language)
        : money.formatInput(coupon.amount ?? 0),
  );
  const [validFrom, setValidFrom] = useState(coupon?.validFrom ? isoToDay(coupon.validFrom) : '');
  const [validUntil, setValidUntil] = useState(
    coupon?.validUntil ? isoToDay(coupon.validUntil) : '',
  );
  const [usageLimit, setUsageLimit] = useState(coupon?.usageLimit?.toString() ?? '');
  const [active, setActive] = useState(coupon?.active ?? true);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});

  const apiError = mutation.error;
  const taken = isApiError(apiError) && apiError.code === 'COUPON_CODE_TAKEN';

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found: Partial<Record<Field, string>> = {};
    const upper = code.trim().toUpperCase();
    if (!coupon && !/^[A-Z0-9_-]{2,40}$/.test(upper))
      found.code = t('settings.coupons.errors.code');
    const percent = kind === 'percent' ? parsePercent(value) : null;
    const amount = kind === 'amount' ? money.parse(value) : null;
    if (kind === 'percent' && (percent === null || Number(percent) === 0))
      found.value = t('settings.coupons.errors.percent');
    if (kind === 'amount' && (amount === null || amount === 0))
      found.value = t('settings.coupons.errors.amount');
    const from = validFrom ? dayToIso(validFrom, 'start') : null;
    const until = validUntil ? dayToIso(validUntil, 'end') : null;
    if (validFrom && !from) found.validFrom = t('orders.form.errors.date');
    if (validUntil && !until) found.validUntil = t('orders.form.errors.date');
    if (from && until && from >= until) found.validUntil = t('settings.coupons.errors.period');
    const limit = usageLimit.trim() === '' ? null : Number(usageLimit);
    if (limit !== null && (!Number.isInteger(limit) || limit < 1))
      found.usageLimit = t('settings.coupons.errors.usageLimit');
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const fields = {
      percent: kind === 'percent' ? percent : null,
      amount: kind === 'amount' ? amount : null,
      validFrom: from,
      validUntil: until,
      usageLimit: limit,
      active,
    };
    const done = (saved: Coupon) => {
      toast.success(t('settings.coupons.saved', { code: saved.code }));
      onClose();
    };
    if (coupon) {
      const body: UpdateCouponBody = { version: coupon.version, ...fields };
      updateCoupon.mutate({ id: coupon.id, body }, { onSuccess: done });
    } else {
      const body: CreateCouponBody = { code: upper, kind, ...fields };
      createCoupon.mutate(body, { onSuccess: done });
    }
  }

  return (
    <form className="form" onSubmit={onSubmit} noValidate>
      <ErrorAlert
        error={apiError}
        fieldsShown={['code', 'percent', 'amount', 'validFrom', 'validUntil', 'usageLimit']}
      />
      <TextField
        label={t('settings.coupons.code')}
        hint={t('settings.coupons.codeHint')}
        name="code"
        autoComplete="off"
        maxLength={40}
        required
        disabled={coupon !== null}
        value={code}
        error={errors.code ?? (taken ? t('errors.codes.COUPON_CODE_TAKEN') : undefined)}
        onChange={(event) => setCode(event.target.value.toUpperCase())}
      />
      <SelectField
        label={t('settings.coupons.kind')}
        name="kind"
        disabled={coupon !== null}
        value={kind}
        onChange={(event) => {
          setKind(event.target.value as CouponKind);
          setValue('');
        }}
      >
        {KINDS.map((option) => (
          <option key={option} value={option}>
            {t(`settings.coupons.kinds.${option}`)}
          </option>
        ))}
      </SelectField>
      <TextField
        label={kind === 'percent' ? t('settings.coupons.percent') : t('settings.coupons.amount')}
        hint={
          kind === 'percent'
            ? t('settings.catalogue.newRateHint')
            : t('orders.form.moneyHint', { currency })
        }
        name="value"
        inputMode="decimal"
        maxLength={16}
        required
        value={value}
        error={errors.value}
        onChange={(event) => setValue(event.target.value)}
      />
      <div className="form form--grid">
        <TextField
          label={t('settings.coupons.validFrom')}
          name="validFrom"
          type="date"
          value={validFrom}
          error={errors.validFrom}
          onChange={(event) => setValidFrom(event.target.value)}
        />
        <TextField
          label={t('settings.coupons.validUntil')}
          name="validUntil"
          type="date"
          value={validUntil}
          error={errors.validUntil}
          onChange={(event) => setValidUntil(event.target.value)}
        />
      </div>
      <TextField
        label={t('settings.coupons.usageLimit')}
        hint={t('settings.coupons.usageLimitHint')}
        name="usageLimit"
        type="number"
        min={1}
        step={1}
        inputMode="numeric"
        value={usageLimit}
        error={errors.usageLimit}
        onChange={(event) => setUsageLimit(event.target.value)}
      />
      <CheckboxField
        label={t('settings.coupons.activeField')}
        name="active"
        checked={active}
        onChange={(event) => setActive(event.target.checked)}
      />
      <div className="dialog__actions">
        <button type="button" className="button" onClick={onClose}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="button button--primary" disabled={mutation.isPending}>
          {t('common.save')}
        </button>
      </div>
    </form>
  );
}
