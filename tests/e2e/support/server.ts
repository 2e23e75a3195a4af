import type { ServerType } from '@hono/node-server'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { AddressInfo } from 'node:net'
import { createApp } from '../../../functions/api/app.ts'
import { iframeSnippet } from '../../../web/builder/embed-snippet.ts'
import { generateDemoRegistry } from '../../../functions/demo/generate-demo-registry.ts'
import { loadComuni } from '../../../functions/gazetteer/load-comuni.ts'
import { runImport } from '../../../functions/import/run-import.ts'
import { readDocsAssetFromPackage } from '../../../functions/local/docs-assets.ts'
import { localDynamoDbClient, startLocalDynamoDb } from '../../../functions/local/local-dynamodb.ts'
import { mountOpenData } from '../../../functions/local/serve-open-data.ts'
import { mountWeb } from '../../../functions/local/serve-web.ts'
import { ensureRegistryTable } from '../../../functions/repository/create-table.ts'
import { DynamoDbRegistry } from '../../../functions/repository/dynamodb-registry.ts'
import { DynamoDbReports } from '../../../functions/repository/dynamodb-reports.ts'
import { journalTableFor } from '../../../functions/repository/table-design.ts'
import { startOperatorsServer, type OperatorsServer } from '../../support/local-product-server.ts'
import { RefreshingSnapshotSource } from '../../../functions/snapshot/refreshing-snapshot-source.ts'
import { createGazetteer } from '../../../shared/gazetteer/create-gazetteer.ts'
import { PointDraftSchema } from '../../../shared/schemas/point.ts'

/** Tuesday 1 December 2026, 10:00 in Rome: the API's clock and the browser's in every e2e test. */
export const E2E_NOW = new Date('2026-12-01T10:00:00+01:00')

export interface E2eServers {
  /** The whole product (API + web), e.g. http://127.0.0.1:41234 */
  readonly baseUrl: string
  /** Another origin (another port) serving host pages that embed the widget and the iframe. */
  readonly hostUrl: string
  /** The operators' side on the same origin: the local OpenID provider and its accounts. */
  readonly operators: OperatorsServer
  close(): Promise<void>
}

/** The host site of a municipality: its own styles (meant to collide with the widget's) and the widget. */
function hostPages(baseUrl: string): Record<string, string> {
  const shell = (title: string, body: string) => `<!doctype html><html lang="it"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title>
<style>body{font-family:Georgia,serif;margin:0 1rem} h2,h3,a{color:rgb(128,0,0)!important} .pv-result,.pv-list{display:block;border:5px solid rgb(255,0,0)} button{background:rgb(255,255,0)}</style></head>
<body><header><p>Comune di Esempio</p></header><main><h1>${title}</h1><p class="pv-count">Testo del sito ospite</p>${body}</main></body></html>`
  // An iframe of ours with the listener docs/widget.md gives hosts: its height follows our page's.
  const framed = (src: string, title: string) => `<iframe id="pv-frame" src="${src}" title="${title}" style="width:100%;border:0;height:150px"></iframe>
<script>addEventListener('message',function(e){if(e.origin!=='${baseUrl}'||!e.data||e.data.type!=='puntovicino:resize')return;var f=document.getElementById('pv-frame');if(f.contentWindow===e.source)f.style.height=e.data.height+'px'})</script>`
  return {
    '/widget': shell('Sito del Comune con il widget', `<script type="module" src="${baseUrl}/widget.js"></script><puntovicino-locator region="09" lang="it" accent="#0066cc"></puntovicino-locator>`),
    // Inherited styles and the accent's variable set by the host around the element: they reach a shadow root unless it resets them.
    '/widget-inherits': shell('Sito con stili ereditati', `<style>:root{--pv-accent:#ff0000}html{font-size:10px}</style><script type="module" src="${baseUrl}/widget.js"></script><aside style="width:320px;white-space:nowrap;text-transform:uppercase;letter-spacing:.12em;font-style:italic;text-indent:2em"><puntovicino-locator region="09" lang="it" list-only></puntovicino-locator></aside>`),
    '/widget-perugia': shell('Sito del Comune di Perugia con il widget', `<script type="module" src="${baseUrl}/widget.js"></script><puntovicino-locator comune="054039" lang="it" list-only></puntovicino-locator>`),
    // A host whose policy allows our server and nothing inline: no style element, no blob worker.
    '/widget-strict-csp': `<!doctype html><html lang="it"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self' ${baseUrl}; connect-src ${baseUrl}; img-src ${baseUrl} data: blob:; font-src ${baseUrl}; style-src 'self'"><title>Sito con una Content-Security-Policy stretta</title></head>
<body><main><h1>Sito con una Content-Security-Policy stretta</h1><script type="module" src="${baseUrl}/widget.js"></script><puntovicino-locator region="09" lang="it"></puntovicino-locator></main></body></html>`,
    // The policy docs/widget.md gives hosts, as written there, and the one it gave before (a blob: worker only).
    '/widget-documented-csp': cspHost(`default-src 'self'; style-src 'self'; ${documentedWidgetPolicy(baseUrl)}`, baseUrl),
    '/widget-trusted-types': cspHost(`default-src 'self'; style-src 'self'; ${documentedWidgetPolicy(baseUrl)}; require-trusted-types-for 'script'`, baseUrl),
    '/widget-blob-worker-only': cspHost(`default-src 'self'; style-src 'self'; ${documentedWidgetPolicy(baseUrl).replace(/worker-src [^;]*/, 'worker-src blob:')}`, baseUrl),
    // A comune with no point at all (the demo registry has none in Bevagna), as the builder writes its snippet.
    '/widget-empty-comune': shell('Sito del Comune di Bevagna con il widget', `<script type="module" src="${baseUrl}/widget.js"></script><puntovicino-locator region="10" province="PG" comune="054004" lang="it" list-only></puntovicino-locator>`),
    '/widget-umbria': shell('Sito della Regione Umbria con il widget', `<script type="module" src="${baseUrl}/widget.js"></script><puntovicino-locator region="10" lang="it"></puntovicino-locator>`),
    // The builder's snippet as a CMS that strips scripts leaves it: the element, its link, no script.
    '/widget-no-script': shell('Sito del Comune senza script', `<puntovicino-locator region="09" lang="it"><a href="${baseUrl}/?region=09&amp;lang=it">Trova il punto di facilitazione digitale più vicino in Toscana</a></puntovicino-locator>`),
    '/widget-bad-region': shell('Sito del Comune con un codice regione sbagliato', `<script type="module" src="${baseUrl}/widget.js"></script><puntovicino-locator region="99" lang="it"></puntovicino-locator>`),
    '/iframe': shell('Sito del Comune con iframe', framed(`${baseUrl}/embed?region=09&list-only=true&accent=%238a1538`, 'PuntoVicino: punti di facilitazione digitale')),
    // The builder's own iframe snippet, pasted as it comes.
    '/iframe-map': shell('Sito della Regione Umbria con la mappa in iframe', iframeSnippet({ region: '10', province: '', comune: '', service: '', lang: 'it', accent: '', listOnly: false }, baseUrl).replace('<iframe ', '<iframe id="pv-frame" ')),
    '/statistiche-umbria': shell('Sito della Regione Umbria: la rete dei punti', framed(`${baseUrl}/embed/statistiche?region=10`, 'PuntoVicino: copertura dei punti in Umbria')),
  }
}

/** The policy a host must allow, as docs/widget.md writes it (its code block under "Content-Security-Policy"), for the server at `baseUrl`. */
function documentedWidgetPolicy(baseUrl: string): string {
  const doc = readFileSync('docs/widget.md', 'utf8')
  const block = /### Under the host's Content-Security-Policy[\s\S]*?```\n([\s\S]*?)```/.exec(doc)![1]!
  return block.replace(/\s+/g, ' ').trim().replaceAll('https://PUNTOVICINO-HOST', baseUrl).replace(/;$/, '')
}

/** A host page under this policy with a Toscana widget and its map. */
const cspHost = (policy: string, baseUrl: string) => `<!doctype html><html lang="it"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${policy}"><title>Sito con la sua Content-Security-Policy</title></head>
<body><main><h1>Sito con la sua Content-Security-Policy</h1><script type="module" src="${baseUrl}/widget.js"></script><puntovicino-locator region="09" lang="it"></puntovicino-locator></main></body></html>`

/** A Puglia row (as the region publishes them) whose hours cell is empty: a point with no hours at all. */
export const NO_HOURS_POINT_ID = 'puglia-9999001'

/**
 * The real Puglia rows (`npm run import -- tests/fixtures/it_puglia_punti_facilitazione_sample3.csv`),
 * whose hours are published as text the importer cannot read, plus one row without hours: real
 * data (not demo) that the page must show without claiming "closed".
 */
async function importPugliaSample(registry: DynamoDbRegistry, comuni: ReturnType<typeof loadComuni>): Promise<void> {
  const sample = readFileSync('tests/fixtures/it_puglia_punti_facilitazione_sample3.csv', 'utf8').trimEnd()
  const file = join(mkdtempSync(join(tmpdir(), 'pv-e2e-')), 'puglia.csv')
  writeFileSync(file, `${sample}\n9999001,attivo,Bari,Comune,,"Piazza Umberto I, 1",41.1200,16.8700,Sportello di prova senza orari,fisso\n`)
  const report = await runImport({ input: file, format: 'puglia', registry, gazetteer: createGazetteer(comuni), now: E2E_NOW })
  if (report.rejected > 0 || report.failedWrites.length > 0) throw new Error(`e2e seed: Puglia sample not fully imported: ${JSON.stringify(report.rejectedRows)}`)
}

const listen = (server: Server | ServerType) => (server.address() as AddressInfo).port

/**
 * The product as `npm start` runs it, in this process: dynalite in memory, the demo registry,
 * the snapshot, the Hono app with the web mounted (web/dist must be built), on free ports.
 */
export async function startE2eServers(): Promise<E2eServers> {
  const dynamo = await startLocalDynamoDb()
  const client = localDynamoDbClient(dynamo)
  await ensureRegistryTable(client, 'e2e-registry')
  const registry = new DynamoDbRegistry({ client, tableName: 'e2e-registry' })
  const comuni = loadComuni()
  const imported = await registry.importPoints(generateDemoRegistry(comuni).map((draft) => PointDraftSchema.parse(draft)))
  if (imported.failed.length > 0) throw new Error(`e2e seed: ${imported.failed.length} demo points not stored`)
  await importPugliaSample(registry, comuni)
  const snapshots = new RefreshingSnapshotSource({ registry, checkEveryMs: 60_000 })
  await snapshots.start()
  const app = createApp({ snapshots, gazetteer: createGazetteer(comuni), cursorSecret: 'e2e', readDocsAsset: readDocsAssetFromPackage, now: () => E2E_NOW, log: () => {} })
  mountOpenData(app, () => snapshots.current())
  await mountWeb(app)
  // As npm start composes it: the write app (reports, operators) and the OpenID provider beside the read app.
  const operators = await startOperatorsServer({ registry, reports: new DynamoDbReports(client, journalTableFor('e2e-registry')), readApp: app, onWrite: () => void snapshots.refreshAfterWrite(), hostName: '127.0.0.1' })
  const baseUrl = operators.origin
  const pages = hostPages(baseUrl)
  const host = createServer((request, response) => {
    const page = pages[request.url ?? '']
    response.writeHead(page ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' })
    response.end(page ?? 'not found')
  })
  await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve))
  return {
    baseUrl,
    hostUrl: `http://127.0.0.1:${listen(host)}`,
    operators,
    close: async () => {
      snapshots.stop()
      await new Promise<void>((resolve) => host.close(() => resolve()))
      await operators.close()
      client.destroy()
      await dynamo.close()
    },
  }
}
