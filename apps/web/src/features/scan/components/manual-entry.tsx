import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

/** For a torn label, a dark corner or a phone without a camera: type the code instead. */
export function ManualEntry({ onSubmit }: { onSubmit: (code: string) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [value, setValue] = useState('');
  const [empty, setEmpty] = useState(false);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const code = value.trim();
    if (!code) {
      setEmpty(true);
      return;
    }
    setEmpty(false);
    setValue('');
    onSubmit(code);
  }

  return (
    <form className="scan-manual" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="scan-section-title">
        {t('scan.manual.title')}
      </h2>
      <label htmlFor={id} className="field__label">
        {t('scan.manual.label')}
      </label>
      <div className="scan-manual__row">
        <input
          id={id}
          className="input scan-manual__input"
          value={value}
          onChange={(event) => setValue(event.target.value)}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          enterKeyHint="search"
          maxLength={2048}
          aria-describedby={`${id}-hint${empty ? ` ${id}-error` : ''}`}
          aria-invalid={empty || undefined}
        />
        <button type="submit" className="button button--primary scan-manual__submit">
          {t('scan.manual.submit')}
        </button>
      </div>
      <p id={`${id}-hint`} className="field__hint">
        {t('scan.manual.hint')}
      </p>
      {empty && (
        <p id={`${id}-error`} className="field__error">
          {t('scan.manual.empty')}
        </p>
      )}
    </form>
  );
}
