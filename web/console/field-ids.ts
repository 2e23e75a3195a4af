/**
 * One id per editable value, built from its path in the point as the API names it in a 400
 * (`sites.0.opening_hours.mo.1.start`), so an error in the summary links to its field.
 */
export const fieldId = (path: string): string => `f-${path.replace(/[^a-z0-9_]+/gi, '-')}`
