/**
 * How many points a page of `GET /v1/points` holds: the query schema's bound and default
 * (points-query.ts), and the most the locator may ask for at once. A module of its own, without zod,
 * so the citizens' page takes the number without the schema library.
 */
export const POINTS_PAGE = { defaultRows: 20, maxRows: 100 } as const
