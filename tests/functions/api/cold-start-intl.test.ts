import { afterEach, describe, expect, it, vi } from 'vitest'

/**
 * The first use of ICU's date or number formatting or of its collator loads their data: ~17 ms
 * for an Intl.DateTimeFormat, ~8 ms for a localeCompare, of a Lambda cold start
 * (`npm run bench -- infra`). Rome's clock is arithmetic within the EU rule's years
 * (shared/hours/rome-time.ts) and ISO strings sort by code units, so loading the app and
 * answering nearest queries, open now included, touches none of them. The modules are loaded
 * after the count starts, as on a cold start.
 */
const real = {
  DateTimeFormat: Intl.DateTimeFormat,
  NumberFormat: Intl.NumberFormat,
  Collator: Intl.Collator,
  localeCompare: String.prototype.localeCompare,
  numberToLocaleString: Number.prototype.toLocaleString,
  dateToLocaleString: Date.prototype.toLocaleString,
  dateToLocaleDateString: Date.prototype.toLocaleDateString,
  dateToLocaleTimeString: Date.prototype.toLocaleTimeString,
}
afterEach(() => {
  Object.assign(Intl, { DateTimeFormat: real.DateTimeFormat, NumberFormat: real.NumberFormat, Collator: real.Collator })
  String.prototype.localeCompare = real.localeCompare
  Number.prototype.toLocaleString = real.numberToLocaleString
  Object.assign(Date.prototype, { toLocaleString: real.dateToLocaleString, toLocaleDateString: real.dateToLocaleDateString, toLocaleTimeString: real.dateToLocaleTimeString })
})

function countIcuUses(): string[] {
  const uses: string[] = []
  for (const name of ['DateTimeFormat', 'NumberFormat', 'Collator'] as const) {
    const Real = real[name] as unknown as new (...args: unknown[]) => object
    const counted = new Proxy(Real, {
      construct: (target, args: unknown[]) => (uses.push(`new Intl.${name}`), new target(...args)),
      apply: (target, _this, args: unknown[]) => (uses.push(`Intl.${name}()`), new target(...args)),
    })
    Object.assign(Intl, { [name]: counted })
  }
  String.prototype.localeCompare = function (this: string, ...args: Parameters<string['localeCompare']>) {
    uses.push('localeCompare')
    return real.localeCompare.apply(this, args)
  }
  // These format through ICU too (a Date's and a number's locale strings).
  Number.prototype.toLocaleString = function (this: number, ...args: Parameters<number['toLocaleString']>) {
    uses.push('Number#toLocaleString')
    return real.numberToLocaleString.apply(this, args)
  }
  for (const name of ['toLocaleString', 'toLocaleDateString', 'toLocaleTimeString'] as const) {
    const original = Date.prototype[name]
    Date.prototype[name] = function (this: Date, ...args: Parameters<Date['toLocaleString']>) {
      uses.push(`Date#${name}`)
      return original.apply(this, args)
    }
  }
  return uses
}

describe('nearest answers on a cold start', () => {
  it('use none of ICU\'s formatters nor its collator, from loading the modules to the answers, and the count would see one', async () => {
    // The snapshot comes from S3 on a cold start: made before the count.
    const { demoPointRecords, snapshotOf } = await import('./support/app-fixture.ts')
    const snapshot = snapshotOf(demoPointRecords())
    const uses = countIcuUses()
    vi.resetModules()
    const { createApp } = await import('../../../functions/api/app.ts')
    const { readDocsAssetFromPackage } = await import('../../../functions/local/docs-assets.ts')
    const { inMemorySnapshotSource } = await import('../../../functions/snapshot/snapshot-source.ts')
    const { loadComuni } = await import('../../../functions/gazetteer/load-comuni.ts')
    const { createGazetteer } = await import('../../../shared/gazetteer/create-gazetteer.ts')
    const app = createApp({ snapshots: inMemorySnapshotSource(snapshot), gazetteer: createGazetteer(loadComuni()), cursorSecret: 'intl', readDocsAsset: readDocsAssetFromPackage, log: () => {} })
    for (const query of ['near=41.9,12.5&limit=10', 'near=45.07,7.68&open_now=true&limit=10', 'near=43.77,11.25&open_at=2026-12-08T10:00:00%2B01:00', 'near=46.5,11.35&limit=20&view=compact', 'near=44.99396,7.46193&limit=5' /* a van's stops, sorted by date */]) {
      expect((await app.request(`/v1/points?${query}`)).status).toBe(200)
    }
    expect(uses).toEqual([])
    new Intl.DateTimeFormat('it', { timeZone: 'Europe/Rome' })
    'a'.localeCompare('b')
    ;(1).toLocaleString('it')
    new Date(0).toLocaleDateString('it')
    expect(uses).toEqual(['new Intl.DateTimeFormat', 'localeCompare', 'Number#toLocaleString', 'Date#toLocaleDateString'])
  })
})
