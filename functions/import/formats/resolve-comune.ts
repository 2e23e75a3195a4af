import type { Comune } from '../../../shared/gazetteer/comuni.ts'
import { BOTH_NAMES, comuneRefOf } from '../../../shared/gazetteer/comune-names.ts'
import type { Gazetteer } from '../../../shared/gazetteer/create-gazetteer.ts'
import type { PointRecord } from '../../../shared/schemas/point.ts'
import { bilingual } from './bilingual.ts'
import { kmFarFromComune } from '../../../shared/gazetteer/position-in-area.ts'
import type { RowError } from './format.ts'
import type { Coordinates } from './row-values.ts'
import { PROVINCE_SIGLE, PROVINCES } from '../../../shared/gazetteer/admin-units.ts'
import { normalizeName } from '../../../shared/gazetteer/normalize-name.ts'

export interface ComuneClues {
  /** Six-digit ISTAT code, and the column it came from. */
  istat?: { value: string | null; column: string }
  /** Comune name (Italian or bilingual form), and the column it came from. */
  name?: { value: string | null; column: string }
  /** Province, as its sigla (LE) or its name (Lecce, Bolzano/Bozen), that tells same-name comuni apart. */
  province?: string | null
  /** The site's position: tells same-name comuni apart and is checked against the comune found. */
  near?: Coordinates
}

/** `reason` holds the two halves of `error.message`, for a caller that reports it inside a message of its own. */
export type ComuneRejection = { ok: false; error: RowError; reason: { it: string; en: string } }

const reject = (field: string, it: string, en: string): ComuneRejection =>
  ({ ok: false, error: { field, message: bilingual(it, en) }, reason: { it, en } })

/**
 * What a row says about its comune → one gazetteer comune. An ISTAT code wins but must agree
 * with the name when both are given; a name shared by several comuni needs the province or
 * coordinates. Errors name the column at fault.
 */
export function resolveComune(
  gazetteer: Gazetteer,
  clues: ComuneClues,
): { ok: true; comune: Comune; warnings: RowError[] } | ComuneRejection {
  const code = clues.istat?.value ?? null
  const name = clues.name?.value ?? null
  const codeColumn = clues.istat?.column ?? 'codice_istat_comune'
  const nameColumn = clues.name?.column ?? 'comune'
  const warnings: RowError[] = []
  const province = provinceSigla(clues.province ?? null)
  if (province === undefined) {
    warnings.push({ field: 'provincia', message: bilingual(`${JSON.stringify(clues.province)} non è una provincia (sigla o nome): ignorata`, `${JSON.stringify(clues.province)} is not a province (sigla or name): ignored`) })
  }
  let comune: Comune
  if (code !== null) {
    const byCode = /^\d{6}$/.test(code) ? gazetteer.byIstat(code) : undefined
    if (!byCode) return reject(codeColumn, `${JSON.stringify(code)} non è un codice ISTAT di comune`, `${JSON.stringify(code)} is not an ISTAT comune code`)
    if (name !== null && !gazetteer.findByName(name).includes(byCode)) {
      return reject(nameColumn, `${JSON.stringify(name)} non corrisponde al codice ISTAT ${code}, che è ${byCode.name}`, `${JSON.stringify(name)} does not match ISTAT code ${code}, which is ${byCode.name}`)
    }
    // The province only tells same-name comuni apart (an optional column): the code says which comune.
    if (province && province !== byCode.province) {
      warnings.push({ field: 'provincia', message: bilingual(
        `${JSON.stringify(clues.province)} non corrisponde al codice ISTAT ${code}, che è ${byCode.name} (${byCode.province}): vale il codice`,
        `${JSON.stringify(clues.province)} does not match ISTAT code ${code}, which is ${byCode.name} (${byCode.province}): the code wins`,
      ) })
    }
    comune = byCode
  } else if (name !== null) {
    const near = clues.near ? { near: clues.near } : {}
    let candidates = gazetteer.findByName(name, { ...(province ? { province } : {}), ...near })
    if (candidates.length === 0 && province) {
      // The comune named is in no such province: the province (optional) gives way to the name, said.
      candidates = gazetteer.findByName(name, near)
      if (candidates.length > 0) {
        warnings.push({ field: 'provincia', message: bilingual(
          `${JSON.stringify(name)} non è in provincia ${province}: provincia ignorata`,
          `${JSON.stringify(name)} is not in province ${province}: province ignored`,
        ) })
      }
    }
    if (candidates.length === 0) return reject(nameColumn, `comune sconosciuto ${JSON.stringify(name)}`, `unknown comune ${JSON.stringify(name)}`)
    if (candidates.length > 1 && !clues.near) {
      const list = candidates.map((c) => `${c.name} (${c.province})`).join(', ')
      return reject(nameColumn, `${JSON.stringify(name)} è ambiguo: ${list}; indicare la provincia o il codice ISTAT`, `${JSON.stringify(name)} is ambiguous: ${list}; give the province or the ISTAT code`)
    }
    comune = candidates[0]!
  } else {
    return reject(nameColumn, `manca il comune (indicare ${codeColumn} o ${nameColumn})`, `the comune is missing (give ${codeColumn} or ${nameColumn})`)
  }
  return { ok: true, comune, warnings: [...warnings, ...(clues.near ? distanceWarnings(comune, clues.near, nameColumn) : [])] }
}

/** A province by its names (Lecce, Bolzano/Bozen, and each of the two), for offices that write it out. */
const SIGLA_BY_NAME = new Map(
  Object.values(PROVINCES).flatMap(([sigla, , name]) => [name, ...name.split(BOTH_NAMES)].map((written) => [normalizeName(written), sigla] as const)),
)

/** The sigla a `provincia` cell names, null for an empty one, undefined for one that names no province. */
function provinceSigla(written: string | null): string | null | undefined {
  const trimmed = written?.trim() ?? ''
  if (trimmed === '') return null
  if (PROVINCE_SIGLE.has(trimmed.toUpperCase())) return trimmed.toUpperCase()
  return SIGLA_BY_NAME.get(normalizeName(trimmed))
}

function distanceWarnings(comune: Comune, near: Coordinates, column: string): RowError[] {
  const km = kmFarFromComune(comune, near)
  if (km === null) return []
  const message = bilingual(
    `le coordinate sono a ${km} km da ${comune.name} (${comune.province}); controllarle`,
    `the coordinates are ${km} km from ${comune.name} (${comune.province}); check them`,
  )
  return [{ field: column, message }]
}


/** The region, province and comune references of a point in this comune. */
export function italianPlace(comune: Comune): Pick<PointRecord, 'region' | 'province' | 'comune' | 'country'> {
  return {
    region: { istat: comune.regionIstat, name: comune.regionName },
    province: comune.province,
    comune: comuneRefOf(comune),
    country: 'IT',
  }
}
