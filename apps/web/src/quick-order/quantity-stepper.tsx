import { MAX_QUANTITY } from './cart';
import { useTranslator } from './translator';

/** − [n] +: 44 px targets for thumbs; the field takes a typed quantity too. */
export function QuantityStepper({
  name,
  quantity,
  canAdd,
  onChange,
}: {
  name: string;
  quantity: number;
  /** False when the cart already holds the most lines an order may have. */
  canAdd: boolean;
  onChange: (quantity: number) => void;
}) {
  const { t } = useTranslator();
  return (
    <div className="qo-stepper">
      <button
        type="button"
        className="qo-stepper__button"
        aria-label={t('decrease', { name })}
        disabled={quantity === 0}
        onClick={() => onChange(quantity - 1)}
      >
        <span aria-hidden="true">−</span>
      </button>
      <input
        className="qo-stepper__input"
        type="text"
        inputMode="numeric"
        pattern="[0-9]*"
        autoComplete="off"
        maxLength={String(MAX_QUANTITY).length}
        aria-label={t('quantityOf', { name })}
        value={String(quantity)}
        disabled={!canAdd && quantity === 0}
        onFocus={(event) => event.currentTarget.select()}
        onChange={(event) => onChange(Number(event.target.value.replace(/\D/g, '') || '0'))}
      />
      <button
        type="button"
        className="qo-stepper__button"
        aria-label={t('increase', { name })}
        disabled={quantity >= MAX_QUANTITY || (!canAdd && quantity === 0)}
        onClick={() => onChange(quantity + 1)}
      >
        <span aria-hidden="true">+</span>
      </button>
    </div>
  );
}
