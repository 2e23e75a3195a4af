import { PointDraftSchema, type PointDraft } from '../../../shared/schemas/point.ts'
import { bilingual } from './bilingual.ts'
import { hiddenTextProblems } from '../../../shared/registry/hidden-text.ts'
import type { RowError, RowResult } from './format.ts'
import type { KeptValue } from '../../../shared/registry/kept-values.ts'

/**
 * Checks a draft against the registry model (`PointDraftSchema`: the stored record without
 * `version`/`updated_at`) and turns each zod issue into a RowError whose field is the dotted path
 * (`sites.0.location.lat`). The schema's messages are English (shared with the API), so they
 * follow an Italian lead that tells an operator the value was refused. Returns the parsed draft, defaults such as `country: 'IT'` applied.
 */
export function validateDraft(draft: unknown): { ok: true; draft: PointDraft } | { ok: false; errors: RowError[] } {
  const parsed = PointDraftSchema.safeParse(draft)
  if (parsed.success) {
    const hidden = hiddenTextProblems(parsed.data)
    if (hidden.length === 0) return { ok: true, draft: parsed.data }
    return { ok: false, errors: hidden.map(({ field, message }) => ({ field, message: bilingual('carattere invisibile da togliere', message) })) }
  }
  return {
    ok: false,
    errors: parsed.error.issues.map((issue) => ({
      field: issue.path.length > 0 ? issue.path.map(String).join('.') : '(row)',
      message: bilingual('valore non valido', `invalid value: ${issue.message}`),
    })),
  }
}

/** A format's last step: the validated draft with the row's warnings and kept values, or the validation errors. */
export function draftResult(draft: unknown, warnings: RowError[], kept: KeptValue[] = []): RowResult {
  const valid = validateDraft(draft)
  return valid.ok ? { ok: true, draft: valid.draft, warnings, kept } : valid
}
