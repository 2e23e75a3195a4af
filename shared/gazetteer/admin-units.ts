// Derived from openpolis/geojson-italy (limits as of June 2023, ISTAT, CC BY 4.0): see README, Data.
// Region names in ISTAT spelling; the comuni file spells them differently, so joins go through codes.

export const REGIONS: Readonly<Record<string, string>> = {
  '01': "Piemonte",
  '02': "Valle d'Aosta/Vallée d'Aoste",
  '03': "Lombardia",
  '04': "Trentino-Alto Adige/Südtirol",
  '05': "Veneto",
  '06': "Friuli-Venezia Giulia",
  '07': "Liguria",
  '08': "Emilia-Romagna",
  '09': "Toscana",
  '10': "Umbria",
  '11': "Marche",
  '12': "Lazio",
  '13': "Abruzzo",
  '14': "Molise",
  '15': "Campania",
  '16': "Puglia",
  '17': "Basilicata",
  '18': "Calabria",
  '19': "Sicilia",
  '20': "Sardegna",
}

/** ISTAT province code → [sigla, region code, name] */
export const PROVINCES: Readonly<Record<string, readonly [string, string, string]>> = {
  '001': ["TO","01","Torino"],
  '002': ["VC","01","Vercelli"],
  '003': ["NO","01","Novara"],
  '004': ["CN","01","Cuneo"],
  '005': ["AT","01","Asti"],
  '006': ["AL","01","Alessandria"],
  '007': ["AO","02","Valle d'Aosta/Vallée d'Aoste"],
  '008': ["IM","07","Imperia"],
  '009': ["SV","07","Savona"],
  '010': ["GE","07","Genova"],
  '011': ["SP","07","La Spezia"],
  '012': ["VA","03","Varese"],
  '013': ["CO","03","Como"],
  '014': ["SO","03","Sondrio"],
  '015': ["MI","03","Milano"],
  '016': ["BG","03","Bergamo"],
  '017': ["BS","03","Brescia"],
  '018': ["PV","03","Pavia"],
  '019': ["CR","03","Cremona"],
  '020': ["MN","03","Mantova"],
  '021': ["BZ","04","Bolzano/Bozen"],
  '022': ["TN","04","Trento"],
  '023': ["VR","05","Verona"],
  '024': ["VI","05","Vicenza"],
  '025': ["BL","05","Belluno"],
  '026': ["TV","05","Treviso"],
  '027': ["VE","05","Venezia"],
  '028': ["PD","05","Padova"],
  '029': ["RO","05","Rovigo"],
  '030': ["UD","06","Udine"],
  '031': ["GO","06","Gorizia"],
  '032': ["TS","06","Trieste"],
  '033': ["PC","08","Piacenza"],
  '034': ["PR","08","Parma"],
  '035': ["RE","08","Reggio nell'Emilia"],
  '036': ["MO","08","Modena"],
  '037': ["BO","08","Bologna"],
  '038': ["FE","08","Ferrara"],
  '039': ["RA","08","Ravenna"],
  '040': ["FC","08","Forlì-Cesena"],
  '041': ["PU","11","Pesaro e Urbino"],
  '042': ["AN","11","Ancona"],
  '043': ["MC","11","Macerata"],
  '044': ["AP","11","Ascoli Piceno"],
  '045': ["MS","09","Massa-Carrara"],
  '046': ["LU","09","Lucca"],
  '047': ["PT","09","Pistoia"],
  '048': ["FI","09","Firenze"],
  '049': ["LI","09","Livorno"],
  '050': ["PI","09","Pisa"],
  '051': ["AR","09","Arezzo"],
  '052': ["SI","09","Siena"],
  '053': ["GR","09","Grosseto"],
  '054': ["PG","10","Perugia"],
  '055': ["TR","10","Terni"],
  '056': ["VT","12","Viterbo"],
  '057': ["RI","12","Rieti"],
  '058': ["RM","12","Roma"],
  '059': ["LT","12","Latina"],
  '060': ["FR","12","Frosinone"],
  '061': ["CE","15","Caserta"],
  '062': ["BN","15","Benevento"],
  '063': ["NA","15","Napoli"],
  '064': ["AV","15","Avellino"],
  '065': ["SA","15","Salerno"],
  '066': ["AQ","13","L'Aquila"],
  '067': ["TE","13","Teramo"],
  '068': ["PE","13","Pescara"],
  '069': ["CH","13","Chieti"],
  '070': ["CB","14","Campobasso"],
  '071': ["FG","16","Foggia"],
  '072': ["BA","16","Bari"],
  '073': ["TA","16","Taranto"],
  '074': ["BR","16","Brindisi"],
  '075': ["LE","16","Lecce"],
  '076': ["PZ","17","Potenza"],
  '077': ["MT","17","Matera"],
  '078': ["CS","18","Cosenza"],
  '079': ["CZ","18","Catanzaro"],
  '080': ["RC","18","Reggio di Calabria"],
  '081': ["TP","19","Trapani"],
  '082': ["PA","19","Palermo"],
  '083': ["ME","19","Messina"],
  '084': ["AG","19","Agrigento"],
  '085': ["CL","19","Caltanissetta"],
  '086': ["EN","19","Enna"],
  '087': ["CT","19","Catania"],
  '088': ["RG","19","Ragusa"],
  '089': ["SR","19","Siracusa"],
  '090': ["SS","20","Sassari"],
  '091': ["NU","20","Nuoro"],
  '092': ["CA","20","Cagliari"],
  '093': ["PN","06","Pordenone"],
  '094': ["IS","14","Isernia"],
  '095': ["OR","20","Oristano"],
  '096': ["BI","01","Biella"],
  '097': ["LC","03","Lecco"],
  '098': ["LO","03","Lodi"],
  '099': ["RN","08","Rimini"],
  '100': ["PO","09","Prato"],
  '101': ["KR","18","Crotone"],
  '102': ["VV","18","Vibo Valentia"],
  '103': ["VB","01","Verbano-Cusio-Ossola"],
  '108': ["MB","03","Monza e della Brianza"],
  '109': ["FM","11","Fermo"],
  '110': ["BT","16","Barletta-Andria-Trani"],
  '111': ["SU","20","Sud Sardegna"],
}

/** Every province's sigla (FI, PG, BZ…): what a `province` filter, a typed "Todi PG" or a link may name. */
export const PROVINCE_SIGLE: ReadonlySet<string> = new Set(Object.values(PROVINCES).map(([sigla]) => sigla))

/** The sigla of the province a comune's ISTAT code belongs to (its first three digits are the province's). */
export const provinceOfComune = (istat: string): string | undefined => PROVINCES[istat.slice(0, 3)]?.[0]

/** Province sigla → its region's ISTAT code. */
const REGION_OF_SIGLA = new Map(Object.values(PROVINCES).map(([sigla, region]) => [sigla, region]))
const NAME_OF_SIGLA = new Map(Object.values(PROVINCES).map(([sigla, , name]) => [sigla, name]))

/** A province's name from its sigla ("FI" → "Firenze"), or undefined for none. */
export const provinceName = (sigla: string | null | undefined): string | undefined => (sigla ? NAME_OF_SIGLA.get(sigla) : undefined)

/** A province's region from its sigla ("FI" → "09"), or undefined for none. */
export const provinceRegion = (sigla: string): string | undefined => REGION_OF_SIGLA.get(sigla)

/**
 * The autonomous provinces, which hold a region's powers and, in PNRR Misura 1.7.2, sign their
 * own plan as the regions do: Trentino-Alto Adige's targets are theirs.
 */
export const AUTONOMOUS_PROVINCES: ReadonlySet<string> = new Set(['BZ', 'TN'])

export interface AreaContradiction {
  readonly field: 'province' | 'comune'
  readonly message: string
}

/**
 * The narrower parts of an area that contradict a wider one: a province of another region, a
 * comune of another province or region (Firenze's comune with province PG). Such an area is
 * empty by construction; the API refuses it and the locator drops the contradicting prefilter.
 * Each code is taken as valid on its own: a malformed one is its own field's error.
 */
export function areaContradictions(area: { readonly region?: string | null; readonly province?: string | null; readonly comune?: string | null }): AreaContradiction[] {
  const { region, province, comune } = area
  const found: AreaContradiction[] = []
  const regionWords = (code: string) => `${code} (${REGIONS[code]})`
  if (region && province && REGION_OF_SIGLA.get(province) !== region) found.push({ field: 'province', message: `is not a province of region ${regionWords(region)}` })
  if (comune) {
    const sigla = provinceOfComune(comune)
    const comuneRegion = sigla === undefined ? undefined : REGION_OF_SIGLA.get(sigla)
    if (province && sigla !== province) found.push({ field: 'comune', message: `is not a comune of province ${province}` })
    else if (region && comuneRegion !== region) found.push({ field: 'comune', message: `is not a comune of region ${regionWords(region)}` })
  }
  return found
}
