import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { TemplateVariable } from '@gestco/contract';
import type { TemplatePart } from './template-parts';

interface TemplateVariablesProps {
  variables: TemplateVariable[];
  /** The part a click inserts into (where the caret was last); null: read-only, no buttons. */
  target: TemplatePart | null;
  onInsert: (name: string) => void;
}

/** What a template may say: each `{{variable}}` with its meaning and an example. */
export function TemplateVariables({ variables, target, onInsert }: TemplateVariablesProps) {
  const { t } = useTranslation();
  const titleId = useId();
  return (
    <section className="panel template-variables" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('notifications.templates.variables')}</h2>
      <p className="muted">
        {target
          ? t('notifications.templates.variablesHint', {
              part: t(`notifications.templates.parts.${target}`),
            })
          : t('notifications.templates.variablesReadOnly')}
      </p>
      <ul className="template-variables__list">
        {variables.map((variable) => {
          const token = `{{${variable.name}}}`;
          return (
            <li key={variable.name} className="template-variables__item">
              <div>
                <code>{token}</code>
                <p className="template-variables__description">{variable.description}</p>
                <p className="muted template-variables__example">
                  {t('notifications.templates.example', { example: variable.example })}
                </p>
              </div>
              {target && (
                <button
                  type="button"
                  className="button button--small"
                  aria-label={t('notifications.templates.insertNamed', { token })}
                  // Keeps the caret where it was in the field: the click must not blur it first.
                  onMouseDown={(event) => event.preventDefault()}
                  onClick={() => onInsert(variable.name)}
                >
                  {t('notifications.templates.insert')}
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
