import { PROVINCES, REGIONS } from './admin-units.ts'

/** One Italian comune from the ISTAT gazetteer (see README, Data). */
export interface Comune {
  readonly istat: string
  readonly name: string
  /** The name in the second official language where there is one (German, French, Slovene). */
  readonly altName: string | null
  readonly province: string
  readonly provinceName: string
  readonly regionIstat: string
  readonly regionName: string
  readonly postcode: string
  readonly population: number
  readonly lat: number
  readonly lon: number
}

/**
 * Names in the second official language that the gazetteer's `nome_straniero` lacks: Aosta's
 * French name, and the Slovene part of the three comuni whose ISTAT name is itself bilingual
 * (so that "Dolina" is found, and a Slovene page says it).
 */
const OTHER_LANGUAGE_NAMES: Readonly<Record<string, string>> = { '007003': 'Aoste', '032001': 'Devin Nabrežina', '032004': 'Dolina', '032005': 'Zgonik' }

const EXPECTED_HEADER =
  'codice_istat,nome,nome_straniero,codice_catastale,cap,prefisso,sigla_provincia,provincia,codice_provincia,regione,popolazione,lat,lon'

/**
 * Parses `data/it_comuni_gazetteer.csv`. Pure (text in, records out) so that the API, the
 * importers and the demo generator share it and a bundler can inline the file.
 * The file has no quoted fields (checked here), so a plain split is exact.
 */
export function parseComuniCsv(text: string): Comune[] {
  const lines = text.split(/\r?\n/).filter((l) => l.length > 0)
  if (lines[0] !== EXPECTED_HEADER) throw new Error(`comuni gazetteer: unexpected header ${lines[0]?.slice(0, 80)}`)
  return lines.slice(1).map((line, i) => {
    if (line.includes('"')) throw new Error(`comuni gazetteer line ${i + 2}: quoted fields are not expected`)
    const [istat, name, altName, , cap, , sigla, provinceName, provinceCode, , population, lat, lon] = line.split(',')
    const province = PROVINCES[provinceCode ?? '']
    if (!istat || !name || !province || !sigla || !lat || !lon) {
      throw new Error(`comuni gazetteer line ${i + 2}: missing field or unknown province ${provinceCode}`)
    }
    const regionIstat = province[1]
    return {
      istat,
      name,
      altName: altName || OTHER_LANGUAGE_NAMES[istat] || null,
      province: sigla,
      provinceName: provinceName || province[2],
      regionIstat,
      regionName: REGIONS[regionIstat] ?? regionIstat,
      // One row of the source has a four-digit CAP (Ozzano dell'Emilia, "8604"): a CAP that is
      // not five digits is not one, and is left unknown rather than shown or given to points.
      postcode: cap && /^\d{5}$/.test(cap) ? cap : '',
      population: Number(population),
      lat: Number(lat),
      lon: Number(lon),
    }
  })
}
