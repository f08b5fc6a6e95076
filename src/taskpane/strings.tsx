import { createContext, type ReactNode, useContext, useMemo } from 'react';
import { type Locale, type Translate, translator } from '../core/i18n';

const StringsContext = createContext<{ locale: Locale; tr: Translate }>({ locale: 'en-US', tr: translator('en-US') });

/** Gives components the catalogue of the chosen language (src/core/i18n). */
export function StringsProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  const value = useMemo(() => ({ locale, tr: translator(locale) }), [locale]);
  return <StringsContext.Provider value={value}>{children}</StringsContext.Provider>;
}

export function useStrings(): { locale: Locale; tr: Translate } {
  return useContext(StringsContext);
}
