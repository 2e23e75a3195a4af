import { readFileSync, readdirSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

/**
 * The layering docs/ARCHITECTURE.md and DESIGN promise, checked on the source itself: `shared/`
 * (the domain) knows no HTTP framework, no AWS and no adapter; `web/` talks to the API over HTTP
 * and never imports `functions/`; nothing imports in a circle. Static and dynamic imports both
 * count: a lazy import is still a dependency.
 */
const ROOT = resolve(import.meta.dirname, '../..')
const LAYERS = ['shared', 'functions', 'web', 'infra', 'bench'] as const

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (name === 'node_modules' || name === 'dist') return []
    return statSync(path).isDirectory() ? sourceFiles(path) : /\.(ts|mts)$/.test(name) && !name.endsWith('.d.ts') ? [path] : []
  })
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s+(type\s+)?(?:[^'"]*?\s+from\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g

interface Edge {
  readonly from: string
  readonly to: string
  readonly typeOnly: boolean
}

function importsOf(file: string): Edge[] {
  const text = readFileSync(file, 'utf8')
  const edges: Edge[] = []
  for (const match of text.matchAll(IMPORT)) {
    const specifier = match[2] ?? match[3]!
    const typeOnly = Boolean(match[1])
    const to = specifier.startsWith('.') ? relative(ROOT, resolve(dirname(file), specifier)) : specifier
    edges.push({ from: relative(ROOT, file), to, typeOnly })
  }
  return edges
}

const files = LAYERS.flatMap((layer) => sourceFiles(join(ROOT, layer)))
const edges = files.flatMap(importsOf)
const layerOf = (path: string) => path.split('/')[0]!

describe('the import graph', () => {
  it('is read from every source file (the check sees the code)', () => {
    expect(files.length).toBeGreaterThan(150)
    expect(edges.length).toBeGreaterThan(500)
  })

  it('keeps shared/ free of HTTP, AWS, CDK and adapters', () => {
    const bad = edges.filter((e) => layerOf(e.from) === 'shared' && (['functions', 'web', 'infra', 'bench'].includes(layerOf(e.to)) || /^(hono|@hono\/|@aws-sdk\/|@smithy\/|aws-cdk-lib|node:http)/.test(e.to)))
    expect(bad).toEqual([])
  })

  it('keeps web/ away from functions/ and infra/: the page talks to the API over HTTP', () => {
    expect(edges.filter((e) => layerOf(e.from) === 'web' && ['functions', 'infra'].includes(layerOf(e.to)))).toEqual([])
  })

  it('keeps functions/ away from infra/ and web/', () => {
    expect(edges.filter((e) => layerOf(e.from) === 'functions' && ['infra', 'web'].includes(layerOf(e.to)))).toEqual([])
  })

  it('has no cycle (Tarjan over the files, type-only imports excluded)', () => {
    const graph = new Map<string, string[]>()
    for (const e of edges) if (!e.typeOnly && files.includes(join(ROOT, e.to))) graph.set(e.from, [...(graph.get(e.from) ?? []), e.to])
    const cycles: string[][] = []
    let index = 0
    const order = new Map<string, number>()
    const low = new Map<string, number>()
    const stack: string[] = []
    const onStack = new Set<string>()
    const visit = (v: string): void => {
      order.set(v, index)
      low.set(v, index++)
      stack.push(v)
      onStack.add(v)
      for (const w of graph.get(v) ?? []) {
        if (!order.has(w)) {
          visit(w)
          low.set(v, Math.min(low.get(v)!, low.get(w)!))
        } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, order.get(w)!))
      }
      if (low.get(v) === order.get(v)) {
        const component: string[] = []
        for (let w = stack.pop()!; ; w = stack.pop()!) {
          onStack.delete(w)
          component.push(w)
          if (w === v) break
        }
        if (component.length > 1 || (graph.get(v) ?? []).includes(v)) cycles.push(component.sort())
      }
    }
    for (const file of graph.keys()) if (!order.has(file)) visit(file)
    expect(cycles).toEqual([])
  })
})
