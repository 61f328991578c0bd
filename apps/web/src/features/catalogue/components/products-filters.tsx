import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CheckboxField, SelectField, TextField } from '@/components/ui/form-field';
import { useUrlSearch } from '@/lib/use-url-search';
import { useCatalogueOptions } from '../api/get-catalogue-options';
import { useSupplierOptions } from '../api/get-supplier-options';

export interface ProductsFilterValues {
  q: string;
  active: boolean | undefined;
  lowStock: boolean;
  category: string | undefined;
  supplierId: number | undefined;
  archived: boolean;
}

interface ProductsFiltersProps {
  value: ProductsFilterValues;
  /** The search box: called once typing pauses. */
  onSearch: (q: string) => void;
  onChange: (value: ProductsFilterValues) => void;
}

export function ProductsFilters({ value, onSearch, onChange }: ProductsFiltersProps) {
  const { t } = useTranslation();
  const options = useCatalogueOptions();
  const suppliers = useSupplierOptions();
  const { text, setText, submit } = useUrlSearch(value.q, onSearch);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    submit(); // Enter: no need to wait
  }

  // The URL may name a category or supplier the lists do not hold (yet): keep it selectable.
  const categories = options.data?.categories ?? [];
  const categoryChoices =
    value.category && !categories.includes(value.category)
      ? [value.category, ...categories]
      : categories;
  const supplierChoices = suppliers.data ?? [];

  return (
    <form
      role="search"
      aria-label={t('products.filtersLabel')}
      className="filters filters--top"
      onSubmit={onSubmit}
    >
      <TextField
        label={t('products.search')}
        hint={t('products.searchHint')}
        type="search"
        name="q"
        autoComplete="off"
        maxLength={100}
        value={text}
        onChange={(event) => setText(event.target.value)}
      />
      <SelectField
        label={t('products.activeFilter.label')}
        name="active"
        value={value.active === undefined ? '' : String(value.active)}
        onChange={(event) =>
          onChange({
            ...value,
            active: event.target.value === '' ? undefined : event.target.value === 'true',
          })
        }
      >
        <option value="">{t('products.activeFilter.all')}</option>
        <option value="true">{t('products.activeFilter.active')}</option>
        <option value="false">{t('products.activeFilter.inactive')}</option>
      </SelectField>
      <SelectField
        label={t('products.fields.category')}
        name="category"
        value={value.category ?? ''}
        onChange={(event) => onChange({ ...value, category: event.target.value || undefined })}
      >
        <option value="">{t('products.allCategories')}</option>
        {categoryChoices.map((category) => (
          <option key={category} value={category}>
            {category}
          </option>
        ))}
      </SelectField>
      <SelectField
        label={t('products.supplierFilter')}
        name="supplierId"
        value={value.supplierId === undefined ? '' : String(value.supplierId)}
        onChange={(event) =>
          onChange({
            ...value,
            supplierId: event.target.value ? Number(event.target.value) : undefined,
          })
        }
      >
        <option value="">{t('products.allSuppliers')}</option>
        {value.supplierId !== undefined &&
          !supplierChoices.some((supplier) => supplier.id === value.supplierId) && (
            <option value={String(value.supplierId)}>
              {t('products.supplierNumber', { id: value.supplierId })}
            </option>
          )}
        {supplierChoices.map((supplier) => (
          <option key={supplier.id} value={String(supplier.id)}>
            {supplier.name}
          </option>
        ))}
      </SelectField>
      <div className="filters__checks">
        <CheckboxField
          label={t('products.lowStockOnly')}
          name="lowStock"
          checked={value.lowStock}
          onChange={(event) => onChange({ ...value, lowStock: event.target.checked })}
        />
        <CheckboxField
          label={t('products.showArchived')}
          name="archived"
          checked={value.archived}
          onChange={(event) => onChange({ ...value, archived: event.target.checked })}
        />
      </div>
    </form>
  );
}
