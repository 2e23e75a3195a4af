import { describe, expect, it } from 'vitest'
import { readHeader } from '../../../../functions/import/formats/header-columns.ts'
import { TEMPLATE_COLUMNS } from '../../../../functions/import/formats/template-columns.ts'

describe('readHeader on the template', () => {
  it('reads names as spreadsheets type them, and stops only on a near miss of a column the file lacks', () => {
    const reading = readHeader(['Fonte', ' id_punto ', 'Nome punto', 'E-mail', 'orario', 'CUP', 'note interne'], TEMPLATE_COLUMNS)
    expect(Object.fromEntries(reading.renamed)).toEqual({ Fonte: 'fonte', ' id_punto ': 'id_punto', 'Nome punto': 'nome_punto', 'E-mail': 'email' })
    expect(reading.unknown).toEqual(['orario', 'CUP', 'note interne'])
    // CUP, a PNRR project's code, is one edit from cap but no misspelling of it: a file without cap goes on.
    expect(reading.nearMisses).toEqual([{ written: 'orario', meant: 'orari' }])
    // A near miss of a column the file has is just an extra column.
    expect(readHeader(['orari', 'orario2'], TEMPLATE_COLUMNS).nearMisses).toEqual([])
  })
})
