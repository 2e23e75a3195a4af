import type { TestProject } from 'vitest/node'
import { buildWeb } from '../../../web/build.ts'
import { startE2eServers } from './server.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    e2eBaseUrl: string
    e2eHostUrl: string
    /** Where the local OpenID provider keeps its accounts: a test adds the operators it signs in as. */
    e2eOperatorsDataDir: string
  }
}

/** Once for all e2e files: build web/dist, then one server (and one host origin) they all share. */
export default async function setup(project: TestProject) {
  await buildWeb({ mapStyle: '', apiBase: '' })
  const servers = await startE2eServers()
  project.provide('e2eBaseUrl', servers.baseUrl)
  project.provide('e2eHostUrl', servers.hostUrl)
  project.provide('e2eOperatorsDataDir', servers.operators.dataDir)
  return () => servers.close()
}
