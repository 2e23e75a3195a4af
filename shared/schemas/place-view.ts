import { z } from 'zod'

/** A comune as `/v1/places` returns it (ISTAT gazetteer; `alt_name` is the German, French or Slovene name where official). */
export const PlaceSchema = z
  .object({
    istat: z.string().meta({ example: '048017' }),
    name: z.string().meta({ example: 'Firenze' }),
    alt_name: z.string().nullable().meta({ description: 'Name in the second official language, e.g. Bozen' }),
    province: z.string().meta({ example: 'FI' }),
    region: z.object({ istat: z.string(), name: z.string() }),
    lat: z.number(),
    lon: z.number(),
    population: z.number().int(),
  })
  .meta({ id: 'Place', description: 'An Italian comune (ISTAT gazetteer)' })
export type Place = z.infer<typeof PlaceSchema>

export const PlacePageSchema = z
  .object({
    items: z.array(PlaceSchema),
    did_you_mean: z.array(PlaceSchema).optional().meta({ description: 'When nothing starts with q: comuni whose name is a typo or two away ("Peruga" → Perugia)' }),
    outside_area: z.boolean().optional().meta({ description: 'Addition (2026-12-07), with region or province: true when nothing in the area matches q but comuni elsewhere do' }),
    postcode: z
      .object({
        code: z.string(),
        exact: z.boolean().meta({ description: "false: the CAP is not listed, and items are the city of its postal zone (a city's range of CAPs)" }),
        outside_area: z.boolean().optional().meta({ description: 'Addition (2026-12-07), with region or province: true when the CAP is known but none of its comuni is in that area' }),
      })
      .optional()
      .meta({ description: 'When q is a five-digit CAP' }),
  })
  .meta({ id: 'PlacePage' })
export type PlacePage = z.infer<typeof PlacePageSchema>
