import { parseItalianHours } from '../../../shared/hours/italian-text.ts'
import { normalizeName } from '../../../shared/gazetteer/normalize-name.ts'
import type { Comune } from '../../../shared/gazetteer/comuni.ts'
import type { Operator, PointDraft, PointStatus, SiteKind } from '../../../shared/schemas/point.ts'
import { bilingual } from './bilingual.ts'
import type { ImportContext, ImportFormat, RowError, RowResult } from './format.ts'
import { hasColumns } from './has-columns.ts'
import { contentPointId, pointId } from './point-id.ts'
import { readHours } from './read-hours.ts'
import { italianPlace, resolveComune } from './resolve-comune.ts'
import { comuneRefOf } from '../../../shared/gazetteer/comune-names.ts'
import { ITALY_BOUNDS, coordinates, text } from './row-values.ts'
import { draftResult } from './validate-draft.ts'

/**
 * Regione Puglia's open-data layout (dati.puglia.it, "punto-di-facilitazione-digitale.csv"):
 * `id,avvio,comune,enteGestore,giorniEOrariDiApertura,indirizzo,latitudine,longitudine,nomeDelloSpazio,tipo`.
 * The file says nothing about services, topics, booking or contacts: those stay at the registry's
 * baseline (individual assistance, booking "both") or null. Nothing is invented.
 */

export const PUGLIA_DATASET = 'it-puglia-punti-facilitazione'
const ID_PREFIX = 'puglia'
const COLUMNS = ['id', 'avvio', 'comune', 'enteGestore', 'giorniEOrariDiApertura', 'indirizzo', 'latitudine', 'longitudine', 'nomeDelloSpazio', 'tipo'] as const

const STATUS_BY_AVVIO: Readonly<Record<string, PointStatus>> = {
  attivo: 'active', attiva: 'active', avviato: 'active', avviata: 'active',
  sospeso: 'suspended', sospesa: 'suspended',
  chiuso: 'closed', chiusa: 'closed', cessato: 'closed', cessata: 'closed', concluso: 'closed', conclusa: 'closed', terminato: 'closed', dismesso: 'closed',
}
const KIND_BY_TIPO: Readonly<Record<string, SiteKind>> = { fisso: 'fixed', fissa: 'fixed', itinerante: 'mobile', mobile: 'mobile' }

/** `enteGestore` holds the kind of operator ("Comune"), not its name: keyword → operator type. */
const OPERATOR_TYPE_RULES: ReadonlyArray<[RegExp, Operator['type']]> = [
  [/^comune\b/, 'comune'],
  [/\bunione\b|\bcomunita montana\b/, 'unione_comuni'],
  [/\bbibliotec/, 'biblioteca'],
  [/\bscuol|\bistituto\b|\bliceo\b|\buniversita\b/, 'scuola'],
  [/\bassociazion|\bcooperativ|\bfondazion|\bterzo settore\b|\baps\b|\bodv\b|\bonlus\b|\bets\b/, 'terzo_settore'],
  [/\bregione\b|\bprovincia\b|\basl\b|\bconsorzio\b|\bambito\b|\bente\b|\bcamera di commercio\b/, 'ente_pubblico'],
]

function operatorOf(enteGestore: string, comune: Comune): { operator: Operator; warnings: RowError[] } {
  const normalised = normalizeName(enteGestore)
  const type = OPERATOR_TYPE_RULES.find(([pattern]) => pattern.test(normalised))?.[1]
  if (type === undefined) {
    return { operator: { name: enteGestore, type: 'altro' }, warnings: [{
      field: 'enteGestore',
      message: bilingual(`tipo di ente sconosciuto ${JSON.stringify(enteGestore)}; registrato come altro`, `unknown operator type ${JSON.stringify(enteGestore)}; recorded as altro`),
    }] }
  }
  // "Comune" alone names no one; the point's own comune is the only one it can mean.
  const name = type === 'comune' && normalised === 'comune' ? `Comune di ${comune.name}` : enteGestore
  return { operator: { name, type }, warnings: [] }
}

function toDraft(row: Record<string, unknown>, { gazetteer }: ImportContext): RowResult {
  const errors: RowError[] = []
  const warnings: RowError[] = []

  const name = text(row, 'nomeDelloSpazio')
  if (name === null) errors.push({ field: 'nomeDelloSpazio', message: bilingual('manca il nome dello spazio', 'the name of the space is missing') })

  const avvio = text(row, 'avvio')
  const status = avvio === null ? undefined : STATUS_BY_AVVIO[normalizeName(avvio)]
  if (status === undefined) {
    const shown = JSON.stringify(avvio ?? '')
    errors.push({
      field: 'avvio',
      message: bilingual(`${shown} non è uno stato noto (attivo, sospeso, chiuso, cessato)`, `${shown} is not a known state (attivo, sospeso, chiuso, cessato)`),
    })
  }

  const tipo = text(row, 'tipo')
  const kind = tipo === null ? undefined : KIND_BY_TIPO[normalizeName(tipo)]
  if (kind === undefined) {
    const shown = JSON.stringify(tipo ?? '')
    errors.push({ field: 'tipo', message: bilingual(`${shown} non è fisso né itinerante`, `${shown} is not fisso or itinerante`) })
  }

  const enteGestore = text(row, 'enteGestore')
  if (enteGestore === null) errors.push({ field: 'enteGestore', message: bilingual("manca l'ente gestore", 'the operator is missing') })

  const position = coordinates(row, { lat: 'latitudine', lon: 'longitudine' }, ITALY_BOUNDS)
  if (!position.ok) errors.push(position.error)

  let comune: Comune | undefined
  const comuneName = text(row, 'comune')
  if (position.ok) {
    const resolved = resolveComune(gazetteer, { name: { value: comuneName, column: 'comune' }, near: position.value })
    if (resolved.ok) {
      comune = resolved.comune
      warnings.push(...resolved.warnings)
    } else {
      // The coordinates are what puts the point on the map: the comune they fall nearest to is a
      // better answer than dropping the point, and the warning sends a human to check.
      comune = gazetteer.nearest(position.value.lat, position.value.lon)
      const nearest = `${comune.name} (${comune.istat})`
      warnings.push({
        field: 'comune',
        message: bilingual(
          `${resolved.reason.it}; usato il comune più vicino alle coordinate, ${nearest}`,
          `${resolved.reason.en}; used the comune nearest to the coordinates, ${nearest}`,
        ),
      })
    }
  }

  if (errors.length > 0 || !comune || !position.ok || name === null || status === undefined || kind === undefined || enteGestore === null) {
    return { ok: false, errors }
  }

  const { operator, warnings: operatorWarnings } = operatorOf(enteGestore, comune)
  warnings.push(...operatorWarnings)
  const { hours, warnings: hoursWarnings } = readHours(text(row, 'giorniEOrariDiApertura'), [parseItalianHours])
  warnings.push(...hoursWarnings)

  const originalId = text(row, 'id')
  const address = { street: text(row, 'indirizzo'), postcode: null }
  const draft: PointDraft = {
    id: originalId ? pointId(ID_PREFIX, originalId) : contentPointId(ID_PREFIX, [name, comune.istat]),
    name,
    status,
    operator,
    ...italianPlace(comune),
    address,
    sites: [{ id: 'main', kind, label: name, address, comune: comuneRefOf(comune), location: position.value, ...hours }],
    services: ['assistenza_individuale'],
    topics: [],
    booking: 'both',
    booking_url: null,
    contacts: { phone: null, email: null, website: null },
    languages: ['it'],
    accessibility: { step_free: null, notes: null },
    source: { dataset: PUGLIA_DATASET, original_id: originalId ?? `${name} | ${comune.istat}` },
    last_verified_at: null,
  }
  return draftResult(draft, warnings)
}

export const pugliaFormat: ImportFormat = {
  name: 'puglia',
  detect: (header) => hasColumns(header, COLUMNS),
  toDraft,
}
