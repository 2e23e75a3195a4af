import { DataFactory, Writer, type Quad_Object, type Quad_Subject } from 'n3'

const { blankNode, literal, namedNode, quad } = DataFactory
const RDF_TYPE = namedNode('http://www.w3.org/1999/02/22-rdf-syntax-ns#type')

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json }
export type JsonObject = { [key: string]: Json }

/**
 * The DCAT-AP_IT catalogue (dcat-catalog.ts, compact JSON-LD with prefixes only in its context)
 * as Turtle, for harvesters that read RDF rather than JSON-LD (dati.gov.it's CKAN reads both).
 * The walk covers the JSON-LD the catalogue uses: nodes with or without `@id`, `@type`, plain
 * strings, `@id` references, and `@value` literals with `@type` or `@language`; anything else is
 * an error, not a silent omission. n3's writer does the escaping. The test parses the result and
 * compares its triples with those the `jsonld` library reads from the JSON-LD file.
 */
export async function catalogTurtle(document: JsonObject): Promise<string> {
  const prefixes = document['@context'] as Record<string, string>
  const expand = (term: string): string => {
    const colon = term.indexOf(':')
    const prefix = colon > 0 ? prefixes[term.slice(0, colon)] : undefined
    return prefix === undefined ? term : `${prefix}${term.slice(colon + 1)}`
  }
  const writer = new Writer({ prefixes })
  // Blank nodes named by their order in this document, not by n3's process-wide counter: the same
  // catalogue is the same bytes, so a harvester's If-None-Match holds across rebuilds and restarts.
  let blankNodes = 0
  // A graph is a set: a node described in several places (the licence of every distribution) is said once.
  const said = new Set<string>()
  const add = (subject: Quad_Subject, predicate: ReturnType<typeof namedNode>, object: Quad_Object): void => {
    const key = `${subject.termType}:${subject.value} ${predicate.value} ${object.termType}:${object.value}:${object.termType === 'Literal' ? `${object.language}|${object.datatype.value}` : ''}`
    if (said.has(key)) return
    said.add(key)
    writer.addQuad(quad(subject, predicate, object))
  }

  const objectOf = (value: Json): Quad_Object => {
    if (typeof value === 'string') return literal(value)
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`catalogue: unexpected JSON-LD value ${JSON.stringify(value)}`)
    if ('@value' in value) {
      const text = String(value['@value'])
      if (typeof value['@type'] === 'string') return literal(text, namedNode(expand(value['@type'])))
      if (typeof value['@language'] === 'string') return literal(text, value['@language'])
      return literal(text)
    }
    if (Object.keys(value).length === 1 && typeof value['@id'] === 'string') return namedNode(value['@id'])
    return node(value)
  }

  const node = (object: JsonObject): Quad_Subject => {
    const subject = typeof object['@id'] === 'string' ? namedNode(object['@id']) : blankNode(`b${blankNodes++}`)
    for (const [key, raw] of Object.entries(object)) {
      if (key === '@context' || key === '@id') continue
      const values = Array.isArray(raw) ? raw : [raw]
      if (key === '@type') {
        for (const type of values) add(subject, RDF_TYPE, namedNode(expand(String(type))))
        continue
      }
      if (key.startsWith('@')) throw new Error(`catalogue: unexpected JSON-LD keyword ${key}`)
      for (const value of values) add(subject, namedNode(expand(key)), objectOf(value))
    }
    return subject
  }

  node(document)
  return new Promise((resolve, reject) => writer.end((error, result: string) => (error ? reject(error) : resolve(result))))
}
