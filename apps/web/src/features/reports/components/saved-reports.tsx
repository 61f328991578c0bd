import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ReportSpec, SavedReport } from '@gestco/contract';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Dialog } from '@/components/ui/dialog';
import { ErrorAlert } from '@/components/ui/error-alert';
import { TextField } from '@/components/ui/form-field';
import { useToast } from '@/components/ui/toast';
import { isApiError } from '@/lib/api-client';
import { errorMessage } from '@/lib/error-message';
import { useCreateSavedReport } from '../api/create-saved-report';
import { useDeleteSavedReport } from '../api/delete-saved-report';
import { useSavedReports } from '../api/get-saved-reports';
import { hrefOf, sameSpec } from './report-params';

/** The person's saved reports: reopen one (its address), save the one on screen, delete one. */
export function SavedReports({ spec }: { spec: ReportSpec }) {
  const { t } = useTranslation();
  const toast = useToast();
  const titleId = useId();
  const reports = useSavedReports();
  const deleteReport = useDeleteSavedReport();
  const [saving, setSaving] = useState(false);
  const [deleting, setDeleting] = useState<SavedReport | null>(null);
  const items = reports.data ?? [];

  return (
    <section className="saved-views" aria-labelledby={titleId}>
      <h2 id={titleId} className="saved-views__title">
        {t('reports.saved.title')}
      </h2>
      {reports.error && <ErrorAlert error={reports.error} />}
      {items.length === 0 && !reports.isPending && !reports.error && (
        <span className="muted">{t('reports.saved.none')}</span>
      )}
      {items.length > 0 && (
        <ul className="saved-views__list" aria-labelledby={titleId}>
          {items.map((report) => (
            <li key={report.id} className="chip">
              <Link
                to={hrefOf(report.spec)}
                aria-current={sameSpec(spec, report.spec) ? 'true' : undefined}
              >
                {report.name}
              </Link>
              <button
                type="button"
                className="chip__remove"
                aria-label={t('reports.saved.delete', { name: report.name })}
                onClick={() => setDeleting(report)}
              >
                <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <button type="button" className="button button--small" onClick={() => setSaving(true)}>
        {t('reports.saved.save')}
      </button>
      <Dialog open={saving} title={t('reports.saved.saveTitle')} onClose={() => setSaving(false)}>
        <SaveReportForm spec={spec} onClose={() => setSaving(false)} />
      </Dialog>
      <ConfirmDialog
        open={deleting !== null}
        title={t('reports.saved.deleteTitle', { name: deleting?.name ?? '' })}
        body={t('reports.saved.deleteBody')}
        confirmLabel={t('reports.saved.deleteConfirm')}
        pending={deleteReport.isPending}
        onConfirm={() =>
          deleting &&
          deleteReport.mutate(deleting.id, {
            onSuccess: () => toast.success(t('reports.saved.deleted', { name: deleting.name })),
            onError: (error) => toast.error(errorMessage(error, t)),
            onSettled: () => setDeleting(null),
          })
        }
        onCancel={() => setDeleting(null)}
      />
    </section>
  );
}

function SaveReportForm({ spec, onClose }: { spec: ReportSpec; onClose: () => void }) {
  const { t } = useTranslation();
  const toast = useToast();
  const createReport = useCreateSavedReport();
  const [name, setName] = useState('');
  const [empty, setEmpty] = useState(false);
  // "Already used by one of your reports" belongs under the name, in the reader's language.
  const nameTaken =
    isApiError(createReport.error) && createReport.error.code === 'REPORT_NAME_TAKEN';

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (name.trim() === '') {
      setEmpty(true);
      return;
    }
    createReport.mutate(
      { name: name.trim(), spec },
      {
        onSuccess: (report) => {
          toast.success(t('reports.saved.saved', { name: report.name }));
          onClose();
        },
      },
    );
  }

  return (
    <form className="form" onSubmit={onSubmit} noValidate>
      {!nameTaken && <ErrorAlert error={createReport.error} />}
      <p className="muted">{t('reports.saved.saveHint')}</p>
      <TextField
        label={t('reports.saved.name')}
        name="name"
        required
        maxLength={80}
        value={name}
        error={
          empty
            ? t('reports.saved.nameRequired')
            : nameTaken
              ? errorMessage(createReport.error, t)
              : undefined
        }
        onChange={(event) => {
          setName(event.target.value);
          setEmpty(false);
        }}
      />
      <div className="dialog__actions">
        <button type="button" className="button" onClick={onClose}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="button button--primary" disabled={createReport.isPending}>
          {t('common.save')}
        </button>
      </div>
    </form>
  );
}
