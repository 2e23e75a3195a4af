// `npm run build:lambda`: the bundles `cdk deploy` ships, into dist/lambda. Its own module: build.ts
// is imported by the stack, the tests and the (bundled) benchmarks, which must not build on import.
import { statSync } from 'node:fs'
import { buildLambdas, LAMBDA_ENTRIES, type LambdaName } from './build.ts'

const built = await buildLambdas()
for (const name of Object.keys(LAMBDA_ENTRIES) as LambdaName[]) {
  console.log(`${name}: ${built.file(name)} (${(statSync(built.file(name)).size / 1024).toFixed(0)} KiB)`)
}
