/**
 * The little of RFC 5545's syntax the calendar needs, written out: property values escaped
 * (§3.3.11), lines folded at 75 octets without splitting a UTF-8 character (§3.1), CRLF endings,
 * and Rome wall-clock date-times (`20261207T090000` with `TZID=Europe/Rome`) and UTC ones
 * (`…Z`). Written here rather than by a library because the libraries format dates with the
 * process's own time zone, and this must not depend on where it runs.
 */
export const escapeText = (text: string): string =>
  text
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    // A lone CR ends a line for many readers too: every line break is the escaped \n, and the other
    // control characters, which TEXT does not allow (§3.3.11), are dropped.
    .replace(/\r\n|\r|\n/g, '\\n')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')

/**
 * Registry text inside a UID (a site's id): percent-encoded, so whatever an operator typed stays
 * one value; the ids the registry makes (letters, digits, hyphens) are unchanged by it, and so are
 * the UIDs calendars already hold.
 */
export const uidPart = (text: string): string => encodeURIComponent(text)

/** A Rome calendar date and minutes after midnight as a local date-time value. */
export function romeDateTime(date: string, minutes: number): string {
  return `${date.replace(/-/g, '')}T${String(Math.floor(minutes / 60)).padStart(2, '0')}${String(minutes % 60).padStart(2, '0')}00`
}

/** An instant as a UTC date-time value. */
export const utcDateTime = (at: Date): string => at.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '')

/** One content line, folded: continuation lines start with a space (§3.1). */
export function foldLine(line: string): string {
  const bytes = new TextEncoder().encode(line)
  if (bytes.length <= 75) return line
  const parts: string[] = []
  let start = 0
  let limit = 75
  while (start < bytes.length) {
    let end = Math.min(start + limit, bytes.length)
    // Never cut inside a UTF-8 sequence: step back over continuation bytes (10xxxxxx).
    while (end < bytes.length && (bytes[end]! & 0xc0) === 0x80) end--
    parts.push(new TextDecoder().decode(bytes.subarray(start, end)))
    start = end
    limit = 74 // the leading space takes one octet
  }
  return parts.join('\r\n ')
}

export const icsDocument = (lines: readonly string[]): string => `${lines.map(foldLine).join('\r\n')}\r\n`
