import { build, type BuildOptions, type Metafile, type Plugin } from 'esbuild'
import { rm } from 'node:fs/promises'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url))

/** Each Lambda and its entry module; each bundles into `<outdir>/<name>/index.mjs` (handler `index.handler`). */
export const LAMBDA_ENTRIES = {
  api: 'functions/lambda/api-handler.ts',
  indexer: 'functions/lambda/indexer-handler.ts',
  write: 'functions/lambda/write-handler.ts',
  reports: 'functions/lambda/reports-handler.ts',
} as const
export type LambdaName = keyof typeof LAMBDA_ENTRIES

/** Where `npm run build:lambda` and `cdk synth` put the bundles (git-ignored). */
export const DEFAULT_LAMBDA_OUTDIR = join(REPO_ROOT, 'dist', 'lambda')
export const LAMBDA_HANDLER = 'index.handler'

/**
 * zod re-exports its ~40 message locales as `z.locales`, which defeats tree-shaking (~300 KiB of
 * a cold start's parse). Nothing here switches locale (errors are ours, in problem+json), so the
 * bundle keeps English only: the locale zod configures by default.
 */
const englishOnlyZodLocales: Plugin = {
  name: 'english-only-zod-locales',
  setup(esbuild) {
    esbuild.onResolve({ filter: /\/locales\/index\.js$/ }, (args) =>
      /[\\/]node_modules[\\/]zod[\\/]/.test(args.importer) ? { path: join(args.resolveDir, '../locales/en.js'), namespace: 'zod-english-locales' } : undefined,
    )
    esbuild.onLoad({ filter: /.*/, namespace: 'zod-english-locales' }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(args.path)}`,
      resolveDir: dirname(args.path),
      loader: 'js',
    }))
  },
}

/**
 * The ONE esbuild configuration: the CDK stack deploys what it produces and the tests run what
 * it produces, so what is tested is what ships. Each Lambda is built on its own into
 * `<outdir>/<name>/`, the folder deployed as its code.
 * - Everything is bundled, the AWS SDK too: the runtime's own SDK moves under us, this one is the
 *   version the tests ran against. Bundled CommonJS dependencies call `require` for node
 *   built-ins, which an ES module lacks, hence the banner.
 * - `mainFields` prefers each package's ES build: the AWS SDK and smithy packages ship one and
 *   declare `sideEffects: false`, so unused commands and helpers are dropped (their CommonJS
 *   builds cannot be tree-shaken).
 * - `splitting` lets a dynamic `import()` become a chunk beside `index.mjs` that is loaded only
 *   when called: the read API's SDK-client adapter, which the deployed function never calls.
 * - Data files (the gazetteer CSV) are copied beside the bundle and imported as their relative
 *   path, so a cold start does not parse them as JavaScript string literals.
 */
export function lambdaBuildOptions(name: LambdaName, outdir: string = DEFAULT_LAMBDA_OUTDIR): BuildOptions {
  return {
    absWorkingDir: REPO_ROOT,
    entryPoints: { index: LAMBDA_ENTRIES[name] },
    outdir: join(outdir, name),
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    chunkNames: '[name]-[hash]',
    assetNames: '[name]',
    platform: 'node',
    target: 'node22',
    format: 'esm',
    mainFields: ['module', 'main'],
    minify: true,
    treeShaking: true,
    legalComments: 'external',
    loader: { '.csv': 'file' },
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    plugins: [englishOnlyZodLocales],
    metafile: true,
    logLevel: 'warning',
  }
}

export interface BuiltLambdas {
  readonly outdir: string
  /** The folder to deploy as the function's code. */
  dir(name: LambdaName): string
  /** The bundled module, for tests and the bench to import. */
  file(name: LambdaName): string
  /** The Lambda's JS files, split by whether a cold start loads them (see `splitAtColdStart`). */
  coldStartFiles(name: LambdaName): ColdStartFiles
  readonly metafile: Metafile
}

/** One output file of a build: its absolute path and the source modules bundled into it. */
export interface BundleFile {
  readonly file: string
  readonly inputs: readonly string[]
}
export interface ColdStartFiles {
  readonly atStart: readonly BundleFile[]
  /** Chunks only a deeper dynamic import() loads, when a request first needs them. */
  readonly lazy: readonly BundleFile[]
}

/**
 * The JS files of one built Lambda: those a cold start loads (what the entry imports statically,
 * plus what it imports dynamically itself, since an entry awaits those at top level, and their
 * static imports, transitively) and the rest, which only a deeper dynamic import() loads.
 */
export function splitAtColdStart(metafile: Metafile, entryFile: string): ColdStartFiles {
  const entry = relative(REPO_ROOT, entryFile)
  const folder = dirname(entry)
  const atStart = new Set<string>()
  const visit = (output: string, isEntry: boolean): void => {
    if (atStart.has(output)) return
    atStart.add(output)
    for (const imported of metafile.outputs[output]?.imports ?? []) {
      if (imported.external) continue
      if (imported.kind === 'import-statement' || (isEntry && imported.kind === 'dynamic-import')) visit(imported.path, false)
    }
  }
  visit(entry, true)
  const js = Object.keys(metafile.outputs).filter((output) => dirname(output) === folder && output.endsWith('.mjs'))
  const described = (output: string): BundleFile => ({ file: join(REPO_ROOT, output), inputs: Object.keys(metafile.outputs[output]?.inputs ?? {}) })
  return { atStart: [...atStart].map(described), lazy: js.filter((output) => !atStart.has(output)).map(described) }
}

function described(outdir: string, metafile: Metafile): BuiltLambdas {
  const file = (name: LambdaName): string => join(outdir, name, 'index.mjs')
  return {
    outdir,
    dir: (name) => join(outdir, name),
    file,
    coldStartFiles: (name) => splitAtColdStart(metafile, file(name)),
    metafile,
  }
}

export async function buildLambdas(outdir: string = DEFAULT_LAMBDA_OUTDIR): Promise<BuiltLambdas> {
  const results = await Promise.all(
    (Object.keys(LAMBDA_ENTRIES) as LambdaName[]).map(async (name) => {
      // Chunk names carry a content hash: clear the folder so no stale chunk ships with the code.
      await rm(join(outdir, name), { recursive: true, force: true })
      return build(lambdaBuildOptions(name, outdir))
    }),
  )
  const metafile: Metafile = { inputs: {}, outputs: {} }
  for (const { metafile: one } of results) {
    Object.assign(metafile.inputs, one!.inputs)
    Object.assign(metafile.outputs, one!.outputs)
  }
  return described(outdir, metafile)
}
