import '../local/quiet-sdk-warning.ts'
import { S3Client } from '@aws-sdk/client-s3'
import { writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { DEFAULT_DATA_DIR } from '../local/open-local-registry.ts'
import { buildArchive, ITALY_BOUNDS, type Bounds } from './build-archive.ts'
import { ArchiveError, inspectArchive, type ArchiveReport } from './inspect-archive.ts'
import { stopUsingArchive, useArchive } from './local-basemap.ts'

const USAGE = `Uso / usage: npm run basemap -- COMMAND

  use FILE          npm start serves this PMTiles archive as the street map (no restart needed)
  use --none        back to the built-in offline map
  publish FILE --bucket NAME [--region R] [--endpoint URL] [--allow-partial]
                    uploads the archive to the site's basemap bucket (stack output BasemapBucketName)
                    and points the site at it; AWS credentials as usual
  inspect FILE      checks an archive and lists its layers
  build OUT [--bounds W,S,E,N] [--min-zoom N] [--max-zoom N]
                    builds an archive from the shipped ISTAT data (land, boundaries, comuni; no streets)
  glyphs            rebuilds data/glyphs/ from Titillium Web (needs fontnik's prebuilt binary)

docs/map.md: where to get an OpenStreetMap archive of Italy, and what it costs to serve.`

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`

function describe(report: ArchiveReport): string {
  const h = report.header
  const lines = [
    `${report.file}: ${megabytes(report.bytes)}, zoom ${h.minZoom}–${h.maxZoom}, ${h.numAddressedTiles} tiles, bounds ${[h.minLon, h.minLat, h.maxLon, h.maxLat].join(',')}`,
    `layers / livelli: ${report.layers.join(', ') || '(none)'}`,
  ]
  if (report.missingLayers.length > 0) lines.push(`mancano / missing (those parts of the map stay empty): ${report.missingLayers.join(', ')}`)
  const [west, south, east, north] = ITALY_BOUNDS
  if (h.minLon > west || h.minLat > south || h.maxLon < east || h.maxLat < north) lines.push('nota / note: the archive does not cover the whole of Italy')
  return lines.join('\n')
}

function parseBounds(text: string): Bounds {
  const values = text.split(',').map(Number)
  if (values.length !== 4 || values.some((v) => !Number.isFinite(v))) throw new UsageError(`--bounds ${text}: expected four numbers W,S,E,N`)
  return values as unknown as Bounds
}

function parseZoom(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined
  const zoom = Number(text)
  if (!Number.isInteger(zoom)) throw new UsageError(`--${name} ${text}: expected a whole number`)
  return zoom
}

class UsageError extends Error {}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      none: { type: 'boolean' },
      bucket: { type: 'string' },
      region: { type: 'string' },
      endpoint: { type: 'string' },
      'allow-partial': { type: 'boolean' },
      bounds: { type: 'string' },
      'min-zoom': { type: 'string' },
      'max-zoom': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  })
  const [command, file, ...extra] = positionals
  if (values.help || !command) {
    console.log(USAGE)
    return values.help ? 0 : 2
  }
  if (extra.length > 0) throw new UsageError(`unexpected ${extra.join(' ')}`)
  switch (command) {
    case 'use': {
      if (values.none) {
        const had = stopUsingArchive(DEFAULT_DATA_DIR)
        console.log(had ? 'npm start: mappa integrata / built-in map' : 'nessun archivio in uso / no archive was in use')
        return 0
      }
      if (!file) throw new UsageError('use: which archive? (or --none)')
      const { report, siteName } = await useArchive(file, DEFAULT_DATA_DIR)
      console.log(describe(report))
      console.log(`npm start serves it as /tiles/${siteName} (style: /tiles/style.json)`)
      return 0
    }
    case 'publish': {
      if (!file) throw new UsageError('publish: which archive?')
      const bucket = values.bucket ?? process.env.PUNTOVICINO_BASEMAP_BUCKET
      if (!bucket) throw new UsageError('publish: --bucket NAME (the stack output BasemapBucketName), or PUNTOVICINO_BASEMAP_BUCKET')
      const s3 = new S3Client({
        ...(values.region ? { region: values.region } : {}),
        ...(values.endpoint ? { endpoint: values.endpoint, forcePathStyle: true } : {}),
      })
      const { publishArchive } = await import('./publish-archive.ts')
      let shown = -1
      const published = await publishArchive({
        path: file,
        bucket,
        s3,
        allowPartial: values['allow-partial'] ?? false,
        onProgress: (sent, total) => {
          const percent = Math.floor((100 * sent) / total)
          if (percent >= shown + 10) console.log(`  ${percent}% (${megabytes(sent)})`)
          shown = Math.max(shown, percent)
        },
      })
      s3.destroy()
      console.log(describe(published.report))
      console.log(published.uploaded ? `caricato / uploaded s3://${bucket}/${published.archiveKey}` : `già presente / already there: s3://${bucket}/${published.archiveKey}`)
      console.log(`s3://${bucket}/${published.styleKey} now names it: the site shows the new map within 5 minutes`)
      return 0
    }
    case 'inspect': {
      if (!file) throw new UsageError('inspect: which archive?')
      const report = await inspectArchive(file)
      console.log(describe(report))
      for (const error of report.errors) console.error(`ERRORE / ERROR: ${error}`)
      return report.errors.length > 0 ? 1 : 0
    }
    case 'build': {
      if (!file) throw new UsageError('build: where to write the archive? (e.g. italia-istat.pmtiles)')
      const started = performance.now()
      const built = buildArchive({
        ...(values.bounds ? { bounds: parseBounds(values.bounds) } : {}),
        ...(values['min-zoom'] ? { minZoom: parseZoom('min-zoom', values['min-zoom']) } : {}),
        ...(values['max-zoom'] ? { maxZoom: parseZoom('max-zoom', values['max-zoom']) } : {}),
      })
      writeFileSync(file, built.bytes)
      console.log(`${file}: ${megabytes(built.bytes.length)}, ${built.tiles} tiles, layers ${built.layers.join(', ')} (${Math.round(performance.now() - started)} ms)`)
      return 0
    }
    case 'glyphs': {
      const { writeGlyphs, GLYPHS_DIR } = await import('./build-glyphs.ts')
      const written = await writeGlyphs()
      console.log(`${GLYPHS_DIR}: ${written.length} glyph ranges`)
      return 0
    }
    default:
      throw new UsageError(`unknown command ${command}`)
  }
}

try {
  process.exitCode = await main(process.argv.slice(2))
} catch (error) {
  if (error instanceof UsageError || (error as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    console.error(`${(error as Error).message}\n\n${USAGE}`)
    process.exitCode = 2
  } else if (error instanceof ArchiveError) {
    console.error(`ERRORE / ERROR: ${error.message}`)
    process.exitCode = 1
  } else throw error
}
