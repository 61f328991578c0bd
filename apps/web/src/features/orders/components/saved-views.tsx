import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { SavedView } from '@gestco/contract';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Dialog } from '@/components/ui/dialog';
import { ErrorAlert } from '@/components/ui/error-alert';
import { TextField } from '@/components/ui/form-field';
import { useToast } from '@/components/ui/toast';
import { errorMessage } from '@/lib/error-message';
import { useCreateSavedView } from '../api/create-saved-view';
import { useDeleteSavedView } from '../api/delete-saved-view';
import { useSavedViews } from '../api/get-saved-views';
import { sameParams, type ListParams } from './order-list-params';

/** The person's saved filter sets: open one, save the current filters, delete one. */
export function SavedViews({ params }: { params: ListParams }) {
  const { t } = useTranslation();
  const toast = useToast();
  const titleId = useId();
  const views = useSavedViews();
  const deleteView = useDeleteSavedView();
  const [saving, setSaving] = useState(false);
  const [deleting, setDeleting] = useState<SavedView | null>(null);
  const items = views.data ?? [];
  const hrefOf = (view: SavedView) => `/orders?${new URLSearchParams(view.filters).toString()}`;

  return (
    <section className="saved-views" aria-labelledby={titleId}>
      <h2 id={titleId} className="saved-views__title">
        {t('orders.views.title')}
      </h2>
      {views.error && <ErrorAlert error={views.error} />}
      {items.length > 0 && (
        <ul className="saved-views__list" aria-labelledby={titleId}>
          {items.map((view) => (
            <li key={view.id} className="chip">
              <Link
                to={hrefOf(view)}
                aria-current={sameParams(params, view.filters) ? 'true' : undefined}
              >
                {view.name}
              </Link>
              <button
                type="button"
                className="chip__remove"
                aria-label={t('orders.views.delete', { name: view.name })}
                onClick={() => setDeleting(view)}
              >
                <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <button type="button" className="button button--small" onClick={() => setSaving(true)}>
        {t('orders.views.save')}
      </button>
      <Dialog open={saving} title={t('orders.views.saveTitle')} onClose={() => setSaving(false)}>
        <SaveViewForm params={params} onClose={() => setSaving(false)} />
      </Dialog>
      <ConfirmDialog
        open={deleting !== null}
        title={t('orders.views.deleteTitle', { name: deleting?.name ?? '' })}
        body={t('orders.views.deleteBody')}
        confirmLabel={t('orders.views.deleteConfirm')}
        pending={deleteView.isPending}
        onConfirm={() =>
          deleting &&
          deleteView.mutate(deleting.id, {
            onSuccess: () => toast.success(t('orders.views.deleted', { name: deleting.name })),
            onError: (error) => toast.error(errorMessage(error, t)),
            onSettled: () => setDeleting(null),
          })
        }
        onCancel={() => setDeleting(null)}
      />
    </section>
  );
}

function SaveViewForm({ params, onClose }: { params: ListParams; onClose: () => void }) {
  const { t } = useTranslation();
  const toast = useToast();
  const createView = useCreateSavedView();
  const [name, setName] = useState('');
  const [empty, setEmpty] = useState(false);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (name.trim() === '') {
      setEmpty(true);
      return;
    }
    createView.mutate(
      { name: name.trim(), filters: params as Record<string, string> },
      {
        onSuccess: (view) => {
          toast.success(t('orders.views.saved', { name: view.name }));
          onClose();
        },
      },
    );
  }

  return (
    <form className="form" onSubmit={onSubmit} noValidate>
      <ErrorAlert error={createView.error} fieldsShown={['name']} />
      <p className="muted">
        {Object.keys(params).length === 0
          ? t('orders.views.noFilters')
          : t('orders.views.saveHint')}
      </p>
      <TextField
        label={t('orders.views.name')}
        name="name"
        required
        maxLength={80}
        value={name}
        error={empty ? t('orders.views.nameRequired') : undefined}
        onChange={(event) => setName(event.target.value)}
      />
      <div className="dialog__actions">
        <button type="button" className="button" onClick={onClose}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="button button--primary" disabled={createView.isPending}>
          {t('common.save')}
        </button>
      </div>
    </form>
  );
}
