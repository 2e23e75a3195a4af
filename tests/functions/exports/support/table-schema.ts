/**
 * A Frictionless Table Schema check of a parsed CSV table, covering what the French standard's
 * schema uses: the fields in order, `required`, `unique`, `pattern` (matched against the whole
 * value, as Table Schema's XML Schema patterns are), `maxLength`, and the types string, number
 * and date (YYYY-MM-DD, a real day). Every failure is returned, named by row and field.
 */
export interface TableSchema {
  readonly fields: ReadonlyArray<{
    readonly name: string
    readonly type?: string
    readonly constraints?: { readonly required?: boolean; readonly unique?: boolean; readonly pattern?: string; readonly maxLength?: number }
  }>
}

const isDate = (value: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value)

export function tableSchemaErrors(schema: TableSchema, header: readonly string[], rows: ReadonlyArray<readonly string[]>): string[] {
  const errors: string[] = []
  const names = schema.fields.map((f) => f.name)
  if (header.join(',') !== names.join(',')) errors.push(`header: expected ${names.join(',')}, got ${header.join(',')}`)
  const seen = new Map<string, Set<string>>()
  rows.forEach((row, r) => {
    if (row.length !== names.length) errors.push(`row ${r + 1}: ${row.length} cells for ${names.length} fields`)
    schema.fields.forEach((field, i) => {
      const value = row[i] ?? ''
      const where = `row ${r + 1} ${field.name}`
      const c = field.constraints ?? {}
      if (value === '') {
        if (c.required) errors.push(`${where}: required, empty`)
        return
      }
      if (field.type === 'number' && !Number.isFinite(Number(value))) errors.push(`${where}: not a number ${JSON.stringify(value)}`)
      if (field.type === 'date' && !isDate(value)) errors.push(`${where}: not a date ${JSON.stringify(value)}`)
      if (c.pattern !== undefined && !new RegExp(`^(?:${c.pattern})$`, 'u').test(value)) errors.push(`${where}: ${JSON.stringify(value)} does not match ${c.pattern}`)
      if (c.maxLength !== undefined && [...value].length > c.maxLength) errors.push(`${where}: longer than ${c.maxLength}`)
      if (c.unique) {
        const values = seen.get(field.name) ?? new Set<string>()
        if (values.has(value)) errors.push(`${where}: ${JSON.stringify(value)} is not unique`)
        values.add(value)
        seen.set(field.name, values)
      }
    })
  })
  return errors
}
