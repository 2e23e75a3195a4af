/**
 * Names the comuni go by in other languages that are not their official second names (those are
 * `Comune.altName`): English, German, French and Slovene names of the cities people look for
 * ("Florence", "Neapel", "Trst", "Čedad"), and the Slovene names of the Friulian and Julian comuni
 * whose official name is Italian only. Searched like a comune's own names, never shown: the answer
 * names the comune officially, and ranks them as the start of a name, by population: an official
 * name typed whole still comes first. Keyed by ISTAT code (checked against data/it_comuni_gazetteer.csv).
 */
export const EXONYMS: Readonly<Record<string, readonly string[]>> = {
  // (Not the Slovene "Rim": typed on the way to Rimini, it put Roma first.)
  '058091': ['Rome', 'Rom'],
  '015146': ['Milan', 'Mailand'],
  '063049': ['Naples', 'Neapel', 'Neapelj'],
  '001272': ['Turin'],
  '027042': ['Venice', 'Venedig', 'Venise', 'Benetke'],
  '048017': ['Florence', 'Florenz', 'Firence'],
  '010025': ['Genoa', 'Genua', 'Gênes'],
  '032006': ['Trst', 'Triest'],
  '031007': ['Gorica', 'Görz'],
  '022205': ['Trient', 'Trente'],
  '030129': ['Videm'],
  '030026': ['Čedad'],
  '030103': ['Špeter', 'Špeter Slovenov'],
  '031012': ['Tržič'],
  '031002': ['Krmin'],
  '031008': ['Gradišče ob Soči'],
  '030117': ['Trbiž', 'Tarvis'],
  '030092': ['Rezija'],
  '030076': ['Tablja'],
  '032003': ['Milje'],
  '028060': ['Padua', 'Padoue'],
  '023091': ['Vérone'],
  '037006': ['Bologne'],
  '082053': ['Palerme'],
  '089017': ['Syracuse', 'Syrakus'],
  '050026': ['Pise'],
  '052032': ['Sienne'],
  '054001': ['Assise'],
  '054039': ['Pérouse'],
  '020030': ['Mantua', 'Mantoue'],
  '049009': ['Leghorn', 'Livourne'],
  '034027': ['Parme'],
  '036023': ['Modène'],
  '039014': ['Ravenne'],
  '013075': ['Côme'],
  '018110': ['Pavie'],
  '038008': ['Ferrare'],
  '046017': ['Lucques'],
  '065116': ['Salerne'],
  '083048': ['Messine'],
  '087015': ['Catane'],
  '042002': ['Ancône'],
  '016024': ['Bergame'],
}
