import { z } from 'zod'

/**
 * Numbers as people write them in a URL: plain decimal digits. `Number()` alone (and so
 * `z.coerce.number()`) would also take "0x10", "1e1", "+5" and surrounding spaces, which no
 * client means and no contract lists.
 */
export const wholeNumberText = (message: string) => z.string().regex(/^\d{1,7}$/, message).transform(Number)
export const decimalText = (message: string) => z.string().regex(/^\d{1,7}(\.\d{1,12})?$/, message).transform(Number)

/** `limit` of a list: 1 to `max` in plain digits, `byDefault` when absent. */
export const limitParameter = (max: number, byDefault: number, unit: string) => {
  const message = `must be a whole number from 1 to ${max}`
  return wholeNumberText(message)
    .pipe(z.number().int().min(1, message).max(max, message))
    // prefault, not default: the absent value is the text "20" read like any other, so the
    // document's default is a string as the parameter is (`default: 20` on a string misled clients).
    .prefault(String(byDefault))
    .meta({ description: `${unit}: 1–${max}, default ${byDefault}` })
}

/** `cursor`: the opaque `next_cursor` a previous page gave, passed back as it came. */
export const cursorParameter = (description: string) =>
  z
    .string()
    .min(1, 'must not be empty: pass the next_cursor of the previous page, or leave it out')
    .max(2000, 'is longer than any cursor this API gives: pass the next_cursor of the previous page as it came')
    .optional()
    .meta({ description })
