import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RenderedEmail } from '@gestco/contract';
import { ErrorAlert } from '@/components/ui/error-alert';
import { TextField } from '@/components/ui/form-field';
import { isApiError } from '@/lib/api-client';
import { EmailView } from './email-view';
import { normalizeReference } from './notification-list-params';

/** The order a preview renders: the product's sample, or a real one by its reference. */
export type PreviewSource = { kind: 'sample' } | { kind: 'order'; reference: string };

interface TemplatePreviewProps {
  source: PreviewSource;
  onSourceChange: (source: PreviewSource) => void;
  rendered: RenderedEmail | undefined;
  /** A newer rendering is on its way (the one shown is for older text). */
  updating: boolean;
  /** The preview request failed (e.g. an unknown variable: shown on its field). */
  error: unknown;
  /** The real order could not be found. */
  orderError: unknown;
  /** A part is empty: nothing to render. */
  incomplete: boolean;
}

/** Live preview of the template being edited, on the sample order or a real one. */
export function TemplatePreview({
  source,
  onSourceChange,
  rendered,
  updating,
  error,
  orderError,
  incomplete,
}: TemplatePreviewProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const radioName = useId();
  const [mode, setMode] = useState(source.kind);
  const [reference, setReference] = useState(source.kind === 'order' ? source.reference : '');
  const notFound = isApiError(orderError) && orderError.code === 'ORDER_NOT_FOUND';
  const invalid = isApiError(error) && error.code === 'VALIDATION_FAILED';

  const applyReference = () => {
    const value = normalizeReference(reference);
    setReference(value);
    if (value) onSourceChange({ kind: 'order', reference: value });
  };

  let state: string;
  if (incomplete) state = t('notifications.templates.preview.incomplete');
  else if (invalid) state = t('notifications.templates.preview.invalid');
  else if (updating) state = t('notifications.templates.preview.updating');
  else if (rendered) state = t('notifications.templates.preview.upToDate');
  else state = '';

  return (
    <section className="panel template-preview" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('notifications.templates.preview.title')}</h2>
      <fieldset className="fieldset">
        <legend>{t('notifications.templates.preview.source')}</legend>
        <div className="checkbox-row">
          <div className="field field--checkbox">
            <input
              type="radio"
              id={`${radioName}-sample`}
              name={radioName}
              checked={mode === 'sample'}
              onChange={() => {
                setMode('sample');
                onSourceChange({ kind: 'sample' });
              }}
            />
            <label htmlFor={`${radioName}-sample`}>
              {t('notifications.templates.preview.sample')}
            </label>
          </div>
          <div className="field field--checkbox">
            <input
              type="radio"
              id={`${radioName}-order`}
              name={radioName}
              checked={mode === 'order'}
              onChange={() => {
                setMode('order');
                const value = normalizeReference(reference);
                if (value) onSourceChange({ kind: 'order', reference: value });
              }}
            />
            <label htmlFor={`${radioName}-order`}>
              {t('notifications.templates.preview.realOrder')}
            </label>
          </div>
        </div>
        {mode === 'order' && (
          <div className="note-form__row">
            <TextField
              label={t('notifications.templates.preview.reference')}
              hint={t('notifications.templates.preview.referenceHint')}
              name="previewReference"
              autoComplete="off"
              maxLength={40}
              value={reference}
              error={notFound ? t('notifications.filters.orderNotFound') : undefined}
              onChange={(event) => setReference(event.target.value)}
              onKeyDown={(event) => {
                if (event.key === 'Enter') {
                  event.preventDefault();
                  applyReference();
                }
              }}
            />
            <button type="button" className="button" onClick={applyReference}>
              {t('notifications.templates.preview.useOrder')}
            </button>
          </div>
        )}
      </fieldset>
      {!notFound && <ErrorAlert error={orderError} />}
      {!invalid && <ErrorAlert error={error} />}
      <p className="muted" role="status">
        {state}
      </p>
      {rendered && (
        <div className={updating ? 'template-preview__email is-stale' : 'template-preview__email'}>
          <EmailView
            subject={rendered.subject}
            html={rendered.html}
            text={rendered.text}
            label={t('notifications.templates.preview.frameTitle')}
          />
        </div>
      )}
    </section>
  );
}
