/**
 * The one spelling every place-name comparison uses: "Sant'Agata de' Goti", "SANT AGATA DE GOTI"
 * and "Sant’Àgata-de-Goti" all become "sant agata de goti".
 * NFD splits accented letters into letter + combining mark so the marks can be dropped; every
 * other non-alphanumeric character (the typographic ’, ', -, ".", "/") becomes a word break, because
 * sources disagree on them and people type none of them.
 */
export function normalizeName(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}
