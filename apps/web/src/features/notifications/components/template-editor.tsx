import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { NotificationTemplate, PreviewTemplateBody, TemplateVariable } from '@gestco/contract';
import { ErrorAlert } from '@/components/ui/error-alert';
import { TextareaField, TextField } from '@/components/ui/form-field';
import { fieldErrors } from '@/lib/error-message';
import { useDebouncedValue } from '@/lib/use-debounced-value';
import { useTemplatePreview } from '../api/preview-notification-template';
import { useOrderLookup } from '../api/lookup-order';
import {
  insertAt,
  TEMPLATE_PARTS,
  unknownVariablesIn,
  type TemplatePart,
  type TemplateParts,
} from './template-parts';
import { TemplatePreview, type PreviewSource } from './template-preview';
import { TemplateVariables } from './template-variables';

/** Long enough to skip the keystrokes of a word, short enough to feel live. */
const PREVIEW_DEBOUNCE_MS = 400;

interface TemplateEditorProps {
  template: NotificationTemplate;
  variables: TemplateVariable[];
  readOnly: boolean;
  saveError: unknown;
  saving: boolean;
  onSave: (parts: TemplateParts) => void;
  /** Asks to go back to the shipped default (the caller confirms). */
  onReset: () => void;
}

/**
 * Subject, HTML and text of one template, the variables they may use (a click
 * inserts one at the caret) and a live preview. Keyed by the caller on the
 * template's version: a save or a reload starts it again from what is stored.
 */
export function TemplateEditor({
  template,
  variables,
  readOnly,
  saveError,
  saving,
  onSave,
  onReset,
}: TemplateEditorProps) {
  const { t } = useTranslation();
  const formRef = useRef<HTMLFormElement>(null);
  const initial: TemplateParts = {
    subject: template.subject,
    html: template.html,
    text: template.text,
  };
  const [parts, setParts] = useState<TemplateParts>(initial);
  // Where a variable goes: the part the caret was last in (the HTML until then).
  const [target, setTarget] = useState<TemplatePart>('html');
  const [touched, setTouched] = useState<ReadonlySet<TemplatePart>>(() => new Set());
  const caret = useRef<{ part: TemplatePart; at: number } | null>(null);
  const [source, setSource] = useState<PreviewSource>({ kind: 'sample' });

  const dirty = TEMPLATE_PARTS.some((part) => parts[part] !== initial[part]);
  const incomplete = TEMPLATE_PARTS.some((part) => parts[part] === '');

  // The preview: a real order is named by its reference, rendered by its id.
  const order = useOrderLookup(source.kind === 'order' ? source.reference : null);
  const orderId = source.kind === 'order' ? order.data?.id : undefined;
  const waitingForOrder = source.kind === 'order' && orderId === undefined;
  const body: PreviewTemplateBody | null =
    incomplete || waitingForOrder
      ? null
      : {
          event: template.event,
          language: template.language,
          ...parts,
          ...(orderId !== undefined ? { orderId } : {}),
        };
  // A string is stable from one render to the next: the delay restarts only when the text changes.
  const bodyKey = useDebouncedValue(JSON.stringify(body), PREVIEW_DEBOUNCE_MS);
  const preview = useTemplatePreview(JSON.parse(bodyKey) as PreviewTemplateBody | null);
  const updating = preview.isFetching || bodyKey !== JSON.stringify(body);

  // After an insertion: back in the field, the caret just after the variable.
  useEffect(() => {
    const pending = caret.current;
    if (!pending) return;
    caret.current = null;
    const field = formRef.current?.querySelector<HTMLInputElement | HTMLTextAreaElement>(
      `[name="${pending.part}"]`,
    );
    field?.focus();
    field?.setSelectionRange(pending.at, pending.at);
  });

  function remember(part: TemplatePart) {
    setTarget(part);
    if (!touched.has(part)) setTouched(new Set([...touched, part]));
  }

  function insert(name: string) {
    const token = `{{${name}}}`;
    const value = parts[target];
    const field = formRef.current?.querySelector<HTMLInputElement | HTMLTextAreaElement>(
      `[name="${target}"]`,
    );
    // A part never visited gets the variable at its end, not at a caret nobody placed.
    const visited = touched.has(target) && field;
    const start = visited ? (field.selectionStart ?? value.length) : value.length;
    const end = visited ? (field.selectionEnd ?? start) : value.length;
    const next = insertAt(value, token, start, end);
    caret.current = { part: target, at: next.caret };
    remember(target);
    setParts((current) => ({ ...current, [target]: next.value }));
  }

  // Issues the server found (saving or previewing) on a part, said in the reader's language.
  const saveIssues = fieldErrors(saveError);
  const previewIssues = fieldErrors(preview.error);
  const errorOf = (part: TemplatePart) => {
    if (parts[part] === '') return t('notifications.templates.required');
    const unknown = variables.length > 0 ? unknownVariablesIn(parts[part], variables) : [];
    if (unknown.length > 0)
      return t('notifications.templates.unknownVariables', {
        count: unknown.length,
        names: unknown.map((name) => `{{${name}}}`).join(', '),
      });
    return saveIssues[part] || previewIssues[part]
      ? t('notifications.templates.invalidPart')
      : undefined;
  };

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (readOnly || incomplete) return;
    onSave(parts);
  }

  const fieldProps = (part: TemplatePart) => ({
    name: part,
    value: parts[part],
    readOnly,
    required: true,
    spellCheck: part !== 'html',
    error: errorOf(part),
    onFocus: () => remember(part),
    onChange: (event: { target: { value: string } }) =>
      setParts((current) => ({ ...current, [part]: event.target.value })),
  });

  return (
    <>
      <form ref={formRef} className="form template-editor" onSubmit={onSubmit} noValidate>
        <ErrorAlert error={saveError} fieldsShown={TEMPLATE_PARTS} />
        <div className="template-layout">
          <div className="template-layout__fields">
            <TextField
              label={t('notifications.templates.parts.subject')}
              maxLength={300}
              {...fieldProps('subject')}
            />
            <TextareaField
              label={t('notifications.templates.parts.html')}
              hint={t('notifications.templates.htmlHint')}
              className="input input--mono"
              rows={14}
              maxLength={100_000}
              {...fieldProps('html')}
            />
            <TextareaField
              label={t('notifications.templates.parts.text')}
              hint={t('notifications.templates.textHint')}
              className="input input--mono"
              rows={8}
              maxLength={50_000}
              {...fieldProps('text')}
            />
          </div>
          <TemplateVariables
            variables={variables}
            target={readOnly ? null : target}
            onInsert={insert}
          />
        </div>
        {!readOnly && (
          <div className="form__actions template-editor__actions">
            <button
              type="submit"
              className="button button--primary"
              disabled={saving || !dirty || incomplete}
              aria-busy={saving || undefined}
            >
              {t('notifications.templates.save')}
            </button>
            {dirty && (
              <button type="button" className="button" onClick={() => setParts(initial)}>
                {t('notifications.templates.discard')}
              </button>
            )}
            <button
              type="button"
              className="button button--danger"
              disabled={template.isDefault}
              onClick={onReset}
            >
              {t('notifications.templates.reset')}
            </button>
          </div>
        )}
      </form>
      <TemplatePreview
        source={source}
        onSourceChange={setSource}
        rendered={preview.data}
        updating={!incomplete && !waitingForOrder && updating}
        error={preview.error}
        orderError={order.error}
        incomplete={incomplete}
      />
    </>
  );
}
