/**
 * `rem` is the size of the document's root element, and in a shadow root too: a portal that sets
 * `html { font-size: 62.5% }` (a common way to make 1rem = 10px) shrank the whole widget, hints to
 * 9 px. The widget's sheets say `calc(N * var(--pv-rem, 1rem))` instead, and the widget sets
 * `--pv-rem` to the reader's own default size (the `medium` its host element gets from
 * `all: initial`), so its text follows the browser's text-size setting and zoom, not the host's CSS.
 * Where `--pv-rem` is not set (the site's own pages) it is 1rem, as before.
 */
export const OWN_REM_PROPERTY = '--pv-rem'

export const withOwnRem = (css: string): string => css.replace(/(\d*\.?\d+)rem\b/g, `calc($1 * var(${OWN_REM_PROPERTY}, 1rem))`)
