import { createContext, useContext } from 'react';
import { createTranslator, type Translator } from './messages';

const TranslatorContext = createContext<Translator | null>(null);

export const TranslatorProvider = TranslatorContext.Provider;

/** The page's words and locale: the client's language once the page is known, the browser's before. */
export function useTranslator(): Translator {
  return useContext(TranslatorContext) ?? createTranslator('fr');
}
