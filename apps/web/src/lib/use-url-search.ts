import { useEffect, useState } from 'react';

/** Long enough to skip the keystrokes of a word, short enough to feel instant. */
const SEARCH_DEBOUNCE_MS = 300;

/**
 * The text of a search box whose applied value lives in the URL: `onSearch`
 * runs once typing pauses (or at once with `submit`, on Enter).
 */
export function useUrlSearch(applied: string, onSearch: (q: string) => void) {
  const [text, setText] = useState(applied);
  const [seen, setSeen] = useState(applied);

  // The URL changed under us (back button, a link): show its search, unless it is what we typed.
  if (applied !== seen) {
    setSeen(applied);
    if (applied !== text.trim()) setText(applied);
  }

  useEffect(() => {
    const q = text.trim();
    if (q === applied) return;
    const timer = window.setTimeout(() => onSearch(q), SEARCH_DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [text, applied, onSearch]);

  const submit = () => {
    const q = text.trim();
    if (q !== applied) onSearch(q);
  };
  return { text, setText, submit };
}
