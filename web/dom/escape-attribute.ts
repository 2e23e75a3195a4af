/**
 * A value made safe inside a double-quoted HTML attribute: `&` first (so the entities written
 * after it stay intact), then the quote that would end the attribute and the `<` that would open a tag.
 */
export const escapeAttribute = (value: string): string => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;')
