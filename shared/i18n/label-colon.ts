import type { Lang } from './langs.ts'

/**
 * What stands between a label and its value ("Telefono: 075…"): French writes a no-break space
 * before the colon ("Téléphone : 075…"), as the catalogues' own sentences do; code that joins a
 * label to a value takes it from here rather than writing ": ".
 */
export const labelColon = (lang: Lang): string => (lang === 'fr' ? '\u00a0: ' : ': ')
