/**
 * CSV cells that a spreadsheet would run as a formula, made inert (OWASP, "CSV Injection"): a
 * cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return gets one leading apostrophe,
 * which spreadsheets read as "this is text" and which keeps every character of the value. Open
 * data is read in Excel and LibreOffice by people who trust it; a point's name must never become
 * `=HYPERLINK(…)` or a DDE command on their machine.
 *
 * Values that are only a number as people write phone numbers ("+39 055 1234567", "-12.5") are
 * left as they are: made of digits, spaces and `()./-` after the sign, they name no function, no
 * cell and no command, so a spreadsheet can at worst do arithmetic on them.
 */
// A value that starts with an apostrophe gets one more, so the one a spreadsheet hides (and the
// import takes off) is never the value's own.
const FORMULA_START = /^[=+\-@\t\r']/
const PLAIN_NUMBER = /^[+-]?\d[\d ().\/-]*$/

export function spreadsheetSafe(value: string): string {
  return FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value
}

/** The value `spreadsheetSafe` was given: its one apostrophe taken off again (the template's import of our own download). */
export const withoutFormulaGuard = (cell: string): string => (/^'/.test(cell) && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell)

/**
 * Cells to wrap in quotes although they hold no comma: a spreadsheet that splits on `;` (the
 * Italian default) would otherwise start a new cell after it, and that cell could start with `=`.
 */
export const QUOTE_FOR_SPREADSHEETS = /[;\t]/
