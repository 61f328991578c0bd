import { useTranslation } from 'react-i18next';
import { SelectField } from './form-field';

interface ChoiceSelectProps {
  label: string;
  name: string;
  /** The applied value ('' or undefined: all). */
  value: string | undefined;
  /** Names from the settings (payment methods, carriers, tags in use), shown as they are. */
  choices: readonly string[];
  onChange: (value: string) => void;
}

/**
 * A list filter over names the settings define, "all" first. A value from the URL
 * or a saved view that the settings no longer list stays selectable.
 */
export function ChoiceSelect({ label, name, value, choices, onChange }: ChoiceSelectProps) {
  const { t } = useTranslation();
  const listed = value && !choices.includes(value) ? [value, ...choices] : choices;
  return (
    <SelectField
      label={label}
      name={name}
      value={value ?? ''}
      onChange={(event) => onChange(event.target.value)}
    >
      <option value="">{t('common.all')}</option>
      {listed.map((choice) => (
        <option key={choice} value={choice}>
          {choice}
        </option>
      ))}
    </SelectField>
  );
}
