import { build, type BuildOptions, type Metafile, type Plugin } from 'esbuild'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url))

/** Each Lambda and its entry module; each bundles into `<outdir>/<name>/index.mjs` (handler `index.handler`). */
export const LAMBDA_ENTRIES = {
  api: 'functions/lambda/api-handler.ts',
  indexer: 'functions/lambda/indexer-handler.ts',
  write: 'functions/lambda/write-handler.ts',
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
 * it produces, so what is tested is what ships.
 * - Everything is bundled, the AWS SDK too: the runtime's own SDK moves under us, this one is the
 *   version the tests ran against. Bundled CommonJS dependencies call `require` for node
 *   built-ins, which an ES module lacks, hence the banner.
 * - The gazetteer CSV is inlined as text (there is no data/ folder beside a bundle).
 */
export function lambdaBuildOptions(outdir: string = DEFAULT_LAMBDA_OUTDIR): BuildOptions {
  return {
    absWorkingDir: REPO_ROOT,
    entryPoints: Object.fromEntries(Object.entries(LAMBDA_ENTRIES).map(([name, entry]) => [`${name}/index`, entry])),
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'esm',
    minify: true,
    treeShaking: true,
    legalComments: 'external',
    loader: { '.csv': 'text' },
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
  readonly metafile: Metafile
}

function described(outdir: string, metafile: Metafile): BuiltLambdas {
  return {
    outdir,
    dir: (name) => join(outdir, name),
    file: (name) => join(outdir, name, 'index.mjs'),
    metafile,
  }
}

export async function buildLambdas(outdir: string = DEFAULT_LAMBDA_OUTDIR): Promise<BuiltLambdas> {
  const result = await build(lambdaBuildOptions(outdir))
  return described(outdir, result.metafile!)
}

// `npm run build:lambda`
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const built = await buildLambdas()
  for (const name of Object.keys(LAMBDA_ENTRIES) as LambdaName[]) {
    const output = built.metafile.outputs[join(dirname(built.file(name)), 'index.mjs').slice(REPO_ROOT.length)]
    console.log(`${name}: ${built.file(name)}${output ? ` (${(output.bytes / 1024).toFixed(0)} KiB)` : ''}`)
  }
}
