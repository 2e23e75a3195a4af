import type { ImportProgress } from './run-import.ts'

/**
 * A one-line progress display on a terminal (rewritten in place with \r); silent when the output
 * is a file or a CI log, where a hundred partial lines would only be noise.
 */
export function terminalProgress(stream: NodeJS.WriteStream = process.stderr): ((p: ImportProgress) => void) & { done(): void } {
  const active = stream.isTTY === true
  let drawn = false
  const draw = (text: string) => {
    if (!active) return
    stream.write(`\r${text.padEnd(60)}`)
    drawn = true
  }
  const update = (p: ImportProgress) => {
    if (p.phase === 'reading') {
      draw(`Lettura / reading: ${p.rows.toLocaleString('it-IT')} righe`)
    } else {
      const width = 30
      const filled = p.total === 0 ? width : Math.round((p.done / p.total) * width)
      draw(`Scrittura / writing [${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${p.done}/${p.total}`)
    }
  }
  return Object.assign(update, {
    done: () => {
      if (drawn) stream.write('\n')
    },
  })
}
