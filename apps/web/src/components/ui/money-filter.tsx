import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMoney } from '@/lib/money';
import { TextField } from './form-field';

/** An amount bound, typed in the reader's notation and applied when left (or on Enter). */
export function MoneyFilter({
  label,
  currency,
  applied,
  onApply,
}: {
  label: string;
  currency: string;
  /** Minor units, from the URL. */
  applied: string | undefined;
  onApply: (minor: string) => void;
}) {
  const { t } = useTranslation();
  const money = useMoney();
  const shown = applied && /^\d+$/.test(applied) ? money.formatInput(Number(applied)) : '';
  const [text, setText] = useState(shown);
  const [seen, setSeen] = useState(applied);
  const [invalid, setInvalid] = useState(false);
  // The URL changed under us (a saved view, "clear filters"): show its value.
  if (applied !== seen) {
    setSeen(applied);
    setText(shown);
    setInvalid(false);
  }
  const apply = () => {
    if (text.trim() === '') {
      setInvalid(false);
      if (applied) onApply('');
      return;
    }
    const minor = money.parse(text);
    setInvalid(minor === null);
    if (minor !== null && String(minor) !== applied) onApply(String(minor));
  };
  return (
    <TextField
      label={label}
      hint={t('orders.form.moneyHint', { currency })}
      inputMode="decimal"
      maxLength={16}
      value={text}
      error={invalid ? t('orders.form.errors.money') : undefined}
      onChange={(event) => setText(event.target.value)}
      onBlur={apply}
      onKeyDown={(event) => {
        if (event.key === 'Enter') {
          event.preventDefault();
          apply();
        }
      }}
    />
  );
}
