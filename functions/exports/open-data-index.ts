import { toRomeWallClock } from '../../shared/hours/rome-time.ts'
import { italianArticle } from '../../shared/i18n/format-date.ts'
import { fontPreloads } from '../site/font-preloads.ts'
import { html, type Html } from '../site/pages/html.ts'
import { CATALOG_FILE, CATALOG_TURTLE_FILE, type DemoCensus } from './open-data-layout.ts'
import { FILE_TEXTS } from './file-texts.ts'

/*
 * /opendata/ itself (OPEN_DATA_INDEX_FILE): a page for a person who follows a link there, where a
 * harvester reads catalog.jsonld. It lists every file with what it holds and its size, in Italian
 * and then in English, says when the files were made and under which licence, and that a
 * generated demo registry is not real. A static file beside the others, so it carries both
 * languages itself and no script; it takes the site's stylesheets.
 */

const MONTHS_IT = ['gennaio', 'febbraio', 'marzo', 'aprile', 'maggio', 'giugno', 'luglio', 'agosto', 'settembre', 'ottobre', 'novembre', 'dicembre']
const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']

/** A size as a person reads it: "4,2 MB" in Italian, "4.2 MB" in English (decimal units, as file managers show). */
export function readableSize(bytes: number, lang: 'it' | 'en'): string {
  if (bytes < 1e3) return `${bytes} ${lang === 'it' || bytes === 1 ? 'byte' : 'bytes'}`
  // The unit is chosen after rounding: 999,950 bytes is "1,0 MB", not "1000,0 kB".
  const [text, unit] = (['kB', 'MB', 'GB'] as const).map((unit, i) => [(bytes / 1000 ** (i + 1)).toFixed(1), unit] as const).find(([text]) => Number(text) < 1000) ?? [(bytes / 1e9).toFixed(1), 'GB']
  return `${lang === 'it' ? text.replace('.', ',') : text} ${unit}`
}

/** "1° dicembre 2026", "7 dicembre 2026": Italian writes the first of the month as an ordinal. */
const italianDate = (day: number, month: number, year: number): string => `${day === 1 ? '1°' : day} ${MONTHS_IT[month - 1]!} ${year}`

export interface OpenDataIndexInput {
  /** The files, in the order they are listed, with their sizes as served (uncompressed). */
  readonly files: readonly { readonly name: string; readonly bytes: number }[]
  /** When the snapshot the files come from was built. */
  readonly builtAt: string
  /** How many of the points are generated demo points (all, some or none). */
  readonly demo: DemoCensus
  /** The DCAT-AP_IT catalogue is published beside the files (on AWS only once the site's address is known). */
  readonly catalog: boolean
}

export function openDataIndexHtml({ files, builtAt, demo, catalog }: OpenDataIndexInput): string {
  const { date } = toRomeWallClock(new Date(builtAt))
  const [year, month, day] = date.split('-').map(Number) as [number, number, number]
  const dated = italianDate(day, month, year)
  // "il 7", "l’8": the article, outside the <time> that names the date, with the page's apostrophe.
  const article = italianArticle(day).replace("'", '’')
  // Cards, not a table: on a phone a table of long file names and descriptions overflows the screen.
  const list = (lang: 'it' | 'en'): Html =>
    html`<ul class="pv-page__cards">${files.map(
      ({ name, bytes }) => html`<li class="pv-page__card"><a href="${name}" download>${name}</a><span>${readableSize(bytes, lang)}</span>${FILE_TEXTS[name] ? html`<span>${FILE_TEXTS[name][lang]}</span>` : ''}</li>`,
    )}</ul>`
  const catalogIt = catalog ? html`<p>Il catalogo DCAT-AP_IT dei file, per dati.gov.it e i cataloghi regionali: <a href="${CATALOG_FILE}">JSON-LD</a> · <a href="${CATALOG_TURTLE_FILE}">Turtle</a>.</p>` : ''
  const catalogEn = catalog ? html`<p>The files’ DCAT-AP_IT catalogue, for dati.gov.it and regional catalogues: <a href="${CATALOG_FILE}">JSON-LD</a> · <a href="${CATALOG_TURTLE_FILE}">Turtle</a>.</p>` : ''
  return `<!doctype html>\n${html`<html lang="it">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Dati aperti · PuntoVicino</title>
<meta name="description" content="I punti di facilitazione digitale come dati aperti: CSV, GeoJSON, JSON, licenza CC BY 4.0.">
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
${fontPreloads()}<link rel="stylesheet" href="/styles/page.css">
<link rel="stylesheet" href="/styles/pages.css">
</head>
<body data-mode="page">
<a class="skip-link" href="#contenuto">Vai al contenuto</a>
<header><div class="header-center"><div class="container"><a class="brand" href="/"><span><span class="brand__name">Punto<wbr>Vicino</span><span class="brand__tagline">Punti di facilitazione digitale</span></span></a></div></div></header>
<main id="contenuto" tabindex="-1"><div class="container pv-page">
<h1>Dati aperti dei punti di facilitazione digitale</h1>
${demo.demoPoints === 0 ? '' : demo.demoPoints === demo.points ? html`<p class="pv-page__demo"><strong>Registro dimostrativo generato:</strong> questi punti non esistono; servono a provare PuntoVicino.</p>` : html`<p class="pv-page__demo"><strong>Punti dimostrativi:</strong> ${demo.demoPoints} dei ${demo.points} punti sono dimostrativi, generati per provare PuntoVicino, e non esistono: nei file hanno source_dataset «demo».</p>`}
<p>File aggiornati ${article}<time datetime="${date}">${dated}</time>, a ogni modifica del registro. Licenza <a href="https://creativecommons.org/licenses/by/4.0/deed.it" rel="license">Creative Commons Attribuzione 4.0</a>: si possono riusare citando la fonte, «Punti di facilitazione digitale – PuntoVicino», con l’indirizzo di questa pagina; i nomi e i codici dei comuni sono di ISTAT (CC BY 4.0).</p>
<h2>I file</h2>
${list('it')}
${catalogIt}
<p>Per cercare i punti vicini a un luogo o aperti a un’ora: l’<a href="/v1/docs">API aperta</a>.</p>
<section lang="en" aria-labelledby="in-english">
<h2 id="in-english">Open data (English)</h2>
${demo.demoPoints === 0 ? '' : demo.demoPoints === demo.points ? html`<p class="pv-page__demo"><strong>Generated demo registry:</strong> these points do not exist; they are there to try PuntoVicino.</p>` : html`<p class="pv-page__demo"><strong>Demo points:</strong> ${demo.demoPoints} of the ${demo.points} points are generated demo points, there to try PuntoVicino, and do not exist: in the files their source_dataset is “demo”.</p>`}
<p>Files made on <time datetime="${date}">${day} ${MONTHS_EN[month - 1]!} ${year}</time>, with every change to the registry. Licence: <a href="https://creativecommons.org/licenses/by/4.0/" rel="license">Creative Commons Attribution 4.0</a>: reuse them and credit “Punti di facilitazione digitale – PuntoVicino” with the address of this page; the names and codes of the comuni are ISTAT’s (CC BY 4.0).</p>
<h3>The files</h3>
${list('en')}
${catalogEn}
<p>To find the points near a place or open at a time: the <a href="/v1/docs">open API</a>.</p>
</section>
</div></main>
<footer class="site-footer"><div class="container"><a href="/">PuntoVicino</a> · <a href="/v1/docs">API</a> · <a href="/accessibilita">Accessibilità</a> · <a href="/privacy">Privacy</a></div></footer>
</body>
</html>`.text}\n`
}
