/**
 * zod-to-openapi writes a nullable *named* schema (`AddressSchema.nullable()` where Address is a
 * component) as `allOf: [{ $ref }, { type: ['object', 'null'] }]`. Every branch of an allOf must
 * hold and the $ref says "object", so that form rejects the very null it means to allow: clients
 * generated from the document would choke on `"address": null`. OpenAPI 3.1 (JSON Schema 2020-12)
 * says it as `anyOf: [{ $ref }, { type: 'null' }]`, which this rewrites it to, everywhere.
 */
export function repairNullableRefs<T>(node: T): T {
  if (Array.isArray(node)) return node.map((item) => repairNullableRefs(item)) as T
  if (node === null || typeof node !== 'object') return node
  const entries = Object.entries(node as Record<string, unknown>).map(([key, value]) => [key, repairNullableRefs(value)] as const)
  const object = Object.fromEntries(entries) as Record<string, unknown>
  const allOf = object.allOf
  if (Array.isArray(allOf) && allOf.length === 2 && isRef(allOf[0]) && isNullableTypeOnly(allOf[1])) {
    const { allOf: _allOf, ...rest } = object
    return { ...rest, anyOf: [allOf[0], { type: 'null' }] } as T
  }
  return object as T
}

const isRef = (value: unknown): boolean => typeof value === 'object' && value !== null && '$ref' in value

function isNullableTypeOnly(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false
  const keys = Object.keys(value)
  const type = (value as { type?: unknown }).type
  return keys.length === 1 && Array.isArray(type) && type.includes('null')
}
