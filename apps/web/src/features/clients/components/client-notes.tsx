import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClientNote, NotePriority } from '@gestco/contract';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { ErrorAlert } from '@/components/ui/error-alert';
import { SelectField, TextareaField } from '@/components/ui/form-field';
import { LoadingState } from '@/components/ui/loading-state';
import { useToast } from '@/components/ui/toast';
import { errorMessage } from '@/lib/error-message';
import { useFormatDateTime } from '@/lib/format-date';
import { useCreateClientNote } from '../api/create-client-note';
import { useDeleteClientNote } from '../api/delete-client-note';
import { useClientNotes } from '../api/get-client-notes';
import { NotePriorityBadge } from './client-badges';
import { NOTE_PRIORITIES } from './client-options';
import { EditNoteDialog } from './edit-note-dialog';

interface ClientNotesProps {
  clientId: number;
  /** false for viewers and for archived clients (the API refuses their notes). */
  canWrite: boolean;
}

/** Notes in the API's order: high priority first (red), then medium (yellow), then the rest. */
export function ClientNotes({ clientId, canWrite }: ClientNotesProps) {
  const { t } = useTranslation();
  const toast = useToast();
  const formatDate = useFormatDateTime();
  const titleId = useId();
  const notes = useClientNotes(clientId);
  const deleteNote = useDeleteClientNote();
  const [editingId, setEditingId] = useState<number | null>(null);
  const [deletingId, setDeletingId] = useState<number | null>(null);
  const items = notes.data ?? [];
  const deleting = items.find((note) => note.id === deletingId) ?? null;

  function confirmDelete(note: ClientNote) {
    deleteNote.mutate(
      { clientId, noteId: note.id },
      {
        onSuccess: () => toast.success(t('clients.notes.deleted')),
        onError: (error) => toast.error(errorMessage(error, t)),
        onSettled: () => setDeletingId(null),
      },
    );
  }

  return (
    <section className="panel client-notes" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('clients.notes.title')}</h2>
      {canWrite && <AddNoteForm clientId={clientId} />}
      {notes.error && <ErrorAlert error={notes.error} />}
      {notes.isPending ? (
        <LoadingState />
      ) : items.length === 0 ? (
        !notes.error && <p className="empty">{t('clients.notes.empty')}</p>
      ) : (
        <ul className="note-list" aria-labelledby={titleId}>
          {items.map((note) => {
            const date = formatDate(note.createdAt);
            return (
              <li key={note.id} className={`note note--${note.priority}`}>
                <div className="note__meta">
                  <NotePriorityBadge priority={note.priority} />
                  <span className="muted">
                    {t('clients.notes.byline', { author: note.authorName, date })}
                    {note.updatedAt !== note.createdAt &&
                      ` · ${t('clients.notes.edited', { date: formatDate(note.updatedAt) })}`}
                  </span>
                </div>
                <p className="note__text">{note.text}</p>
                {canWrite && (
                  <div className="note__actions">
                    <button
                      type="button"
                      className="button button--small"
                      aria-label={t('clients.notes.editLabel', { date })}
                      onClick={() => setEditingId(note.id)}
                    >
                      {t('clients.notes.edit')}
                    </button>
                    <button
                      type="button"
                      className="button button--small button--danger"
                      aria-label={t('clients.notes.deleteLabel', { date })}
                      onClick={() => setDeletingId(note.id)}
                    >
                      {t('clients.notes.delete')}
                    </button>
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <EditNoteDialog
        note={items.find((note) => note.id === editingId) ?? null}
        onClose={() => setEditingId(null)}
      />
      <ConfirmDialog
        open={deleting !== null}
        title={t('clients.notes.deleteTitle')}
        body={t('clients.notes.deleteBody')}
        confirmLabel={t('clients.notes.deleteConfirm')}
        pending={deleteNote.isPending}
        onConfirm={() => deleting && confirmDelete(deleting)}
        onCancel={() => setDeletingId(null)}
      />
    </section>
  );
}

function AddNoteForm({ clientId }: { clientId: number }) {
  const { t } = useTranslation();
  const toast = useToast();
  const titleId = useId();
  const createNote = useCreateClientNote();
  const [text, setText] = useState('');
  const [priority, setPriority] = useState<NotePriority>('none');

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    createNote.mutate(
      { clientId, body: { text: text.trim(), priority } },
      {
        onSuccess: () => {
          toast.success(t('clients.notes.added'));
          setText('');
          setPriority('none');
        },
      },
    );
  }

  return (
    <form className="form note-form" aria-labelledby={titleId} onSubmit={onSubmit}>
      <h3 id={titleId}>{t('clients.notes.addTitle')}</h3>
      <ErrorAlert error={createNote.error} />
      <TextareaField
        label={t('clients.notes.text')}
        name="text"
        required
        rows={3}
        maxLength={5000}
        value={text}
        onChange={(event) => setText(event.target.value)}
      />
      <div className="note-form__row">
        <SelectField
          label={t('clients.notes.priority')}
          name="priority"
          value={priority}
          onChange={(event) => setPriority(event.target.value as NotePriority)}
        >
          {NOTE_PRIORITIES.map((value) => (
            <option key={value} value={value}>
              {t(`clients.priorities.${value}`)}
            </option>
          ))}
        </SelectField>
        <button type="submit" className="button button--primary" disabled={createNote.isPending}>
          {t('clients.notes.submit')}
        </button>
      </div>
    </form>
  );
}
