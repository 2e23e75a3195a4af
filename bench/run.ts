import '../functions/local/quiet-sdk-warning.ts'

/**
 * `npm run bench`: every performance target of the project, each printed as a ratio against a
 * baseline measured in the same run (the machine is shared, so absolute figures drift; ratios
 * hold). Not a test: nothing here fails the build, the report says met or MISSED.
 * `npm run bench -- geo http` runs only the named parts.
 */
const PARTS: Record<string, () => Promise<string>> = {
  geo: async () => (await import('./geo.ts')).runGeoBench(),
  http: async () => (await import('./http.ts')).runHttpBench(),
  import: async () => (await import('./import.ts')).runImportBench(),
  places: async () => (await import('./places.ts')).runPlacesBench(),
  reach: async () => (await import('./reach.ts')).runReachBench(),
  infra: async () => (await import('./infra.ts')).runInfraBench(),
  build: async () => (await import('./build.ts')).runBuildBench(),
  load: async () => (await import('./load.ts')).runLoadBench(),
  crash: async () => (await import('./crash.ts')).runCrashBench(),
}

const wanted = process.argv.slice(2).filter((a) => a in PARTS)
const started = Date.now()
console.log(`# PuntoVicino benchmarks — ${new Date().toISOString()} — node ${process.version}, ${(await import('node:os')).cpus().length} cores\n`)
for (const name of wanted.length > 0 ? wanted : Object.keys(PARTS)) {
  console.log(await PARTS[name]!())
  console.log()
}
console.log(`(${Math.round((Date.now() - started) / 1000)} s)`)
