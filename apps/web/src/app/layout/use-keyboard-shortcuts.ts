import { useEffect } from 'react';
import { useNavigate } from 'react-router';
import { GLOBAL_SEARCH_ID } from '@/features/orders/components/global-search';

/** Typing in a field, or a dialog open: the keys belong to it, not to the shortcuts. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement)
    return !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(target.type);
  return false;
}

/**
 * The desk's shortcuts (GitHub's and Gmail's convention): `/` focuses the global
 * search, `n` starts a new order. Never while typing, with a modifier, or when a
 * dialog is open.
 */
export function useKeyboardShortcuts(canCreateOrders: boolean) {
  const navigate = useNavigate();
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      if (isTyping(event.target) || document.querySelector('[aria-modal="true"]')) return;
      if (event.key === '/') {
        const search = document.getElementById(GLOBAL_SEARCH_ID);
        if (!search) return;
        event.preventDefault(); // or the "/" would be typed into the box
        search.focus();
      } else if (event.key === 'n' && canCreateOrders) {
        event.preventDefault();
        void navigate('/orders/new');
      }
    }
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [navigate, canCreateOrders]);
}
