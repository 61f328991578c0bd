import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import { useTranslation } from 'react-i18next';

type ToastKind = 'success' | 'error';
interface Toast {
  id: number;
  kind: ToastKind;
  message: string;
}
interface ToastApi {
  success: (message: string) => void;
  error: (message: string) => void;
}

const ToastContext = createContext<ToastApi | null>(null);
const SUCCESS_TOAST_MS = 6000;

/**
 * Toasts in two live regions that exist from the first render (a region added
 * together with its text is not announced). Success toasts fade after a few
 * seconds; error toasts stay until dismissed, so nobody misses them.
 */
export function ToastProvider({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextId = useRef(0);
  const timers = useRef(new Set<number>());

  const dismiss = useCallback((id: number) => {
    setToasts((current) => current.filter((toast) => toast.id !== id));
  }, []);

  const push = useCallback(
    (kind: ToastKind, message: string) => {
      const id = ++nextId.current;
      setToasts((current) => [...current, { id, kind, message }]);
      if (kind === 'success') {
        const timer = window.setTimeout(() => {
          timers.current.delete(timer);
          dismiss(id);
        }, SUCCESS_TOAST_MS);
        timers.current.add(timer);
      }
    },
    [dismiss],
  );

  useEffect(() => {
    const pending = timers.current;
    return () => pending.forEach((timer) => window.clearTimeout(timer));
  }, []);

  const api = useMemo<ToastApi>(
    () => ({
      success: (message) => push('success', message),
      error: (message) => push('error', message),
    }),
    [push],
  );

  const render = (kind: ToastKind) =>
    toasts
      .filter((toast) => toast.kind === kind)
      .map((toast) => (
        <div key={toast.id} className={`toast toast--${kind}`}>
          <p className="toast__message">{toast.message}</p>
          <button type="button" className="toast__dismiss" onClick={() => dismiss(toast.id)}>
            <span aria-hidden="true">×</span>
            <span className="visually-hidden">{t('common.dismiss')}</span>
          </button>
        </div>
      ));

  return (
    <ToastContext.Provider value={api}>
      {children}
      <section className="toasts" aria-label={t('common.notifications')}>
        <div role="status" aria-live="polite">
          {render('success')}
        </div>
        <div aria-live="assertive">{render('error')}</div>
      </section>
    </ToastContext.Provider>
  );
}

export function useToast(): ToastApi {
  const context = useContext(ToastContext);
  if (!context) throw new Error('useToast needs a ToastProvider');
  return context;
}
