import type { Registry } from '../../shared/registry-port.ts'
import { PointDraftSchema } from '../../shared/schemas/point.ts'
import { generateDemoRegistry } from '../demo/generate-demo-registry.ts'
import { loadComuni } from '../gazetteer/load-comuni.ts'

/**
 * A fresh machine has an empty registry: fill it with the generated demo registry, so
 * `npm start` shows a whole country at once. A registry that holds any point is left alone,
 * imported points included, even from an import that was interrupted.
 */
export async function seedDemoIfEmpty(registry: Registry, log: (message: string) => void): Promise<number> {
  // Asked of the data, not of a counter: a first import killed before its version bump has
  // stored points all the same, and demo points must never be mixed into them.
  if (await registry.hasAnyPoint()) return 0
  const drafts = generateDemoRegistry(loadComuni()).map((draft) => PointDraftSchema.parse(draft))
  log(`Registro vuoto: carico il registro DIMOSTRATIVO generato (${drafts.length} punti, non reali) / empty registry: loading the generated demo registry`)
  const result = await registry.importPoints(drafts)
  if (result.failed.length > 0) throw new Error(`demo registry: ${result.failed.length} points could not be stored, first: ${result.failed[0]!.reason}`)
  return result.created
}
