import { useId, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { TextField } from '@/components/ui/form-field';

const MAX_TAGS = 20;
const MAX_TAG_LENGTH = 40;

interface TagsFieldProps {
  tags: string[];
  onChange: (tags: string[]) => void;
  /** Tags already in use, offered as the person types. */
  suggestions: string[];
  error?: string | undefined;
}

/** Tags as removable chips; Enter or a comma adds what is typed. */
export function TagsField({ tags, onChange, suggestions, error }: TagsFieldProps) {
  const { t } = useTranslation();
  const listId = useId();
  const suggestionsId = useId();
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  function add() {
    const tag = text.trim().replace(/,$/, '').trim();
    if (tag === '') return;
    if (tag.length > MAX_TAG_LENGTH) return setProblem(t('orders.form.errors.tagLength'));
    if (tags.length >= MAX_TAGS) return setProblem(t('orders.form.errors.tagCount'));
    if (!tags.includes(tag)) onChange([...tags, tag]);
    setText('');
    setProblem(null);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    // Enter adds the tag; it must not submit the order.
    if (event.key === 'Enter' || event.key === ',') {
      event.preventDefault();
      add();
    }
  }

  return (
    <div className="tags-field">
      {tags.length > 0 && (
        <ul className="chips" id={listId} aria-label={t('orders.form.tags')}>
          {tags.map((tag) => (
            <li key={tag} className="chip">
              {tag}
              <button
                type="button"
                className="chip__remove"
                aria-label={t('orders.form.removeTag', { tag })}
                onClick={() => onChange(tags.filter((other) => other !== tag))}
              >
                <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="note-form__row">
        <TextField
          label={t('orders.form.addTag')}
          hint={t('orders.form.tagsHint')}
          maxLength={MAX_TAG_LENGTH + 1}
          list={suggestionsId}
          autoComplete="off"
          value={text}
          error={problem ?? error}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={onKeyDown}
          onBlur={add}
        />
      </div>
      <datalist id={suggestionsId}>
        {suggestions
          .filter((tag) => !tags.includes(tag))
          .map((tag) => (
            <option key={tag} value={tag} />
          ))}
      </datalist>
    </div>
  );
}
