import { z } from 'zod'

/**
 * RFC 9457 problem details: the one shape of every 4xx and 5xx the API returns
 * (functions/api/problem.ts writes them). A document's shape, here so the console reads the same type.
 */
export const ProblemSchema = z
  .object({
    type: z.string().meta({ example: 'https://puntovicino.example.org/problems/invalid-parameter' }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().optional(),
    errors: z
      .array(z.object({ field: z.string(), message: z.string() }))
      .optional()
      .meta({ description: 'One entry per bad parameter' }),
  })
  .meta({ id: 'Problem' })
export type Problem = z.infer<typeof ProblemSchema>
