/**
 * A validator of the RFC 5545 rules our calendars can break, used where no kept validator is
 * available offline: content lines (CRLF, folded at 75 octets, `NAME;PARAM=…:value`), balanced
 * components, each component's required and at-most-once properties, DTEND/DURATION exclusivity,
 * value formats (DATE-TIME, UTC-OFFSET, GEO, RRULE parts, UNTIL in UTC when DTSTART names a
 * TZID, §3.3.10), escaped TEXT (§3.3.11), every TZID defined by a VTIMEZONE, DTEND after DTSTART.
 * Returns the problems found, each with its line; none means valid.
 */
interface ContentLine {
  readonly line: number
  readonly name: string
  readonly params: Record<string, string>
  readonly value: string
}

const REQUIRED: Record<string, readonly string[]> = {
  VCALENDAR: ['PRODID', 'VERSION'],
  VEVENT: ['UID', 'DTSTAMP', 'DTSTART'],
  VTIMEZONE: ['TZID'],
  STANDARD: ['DTSTART', 'TZOFFSETTO', 'TZOFFSETFROM'],
  DAYLIGHT: ['DTSTART', 'TZOFFSETTO', 'TZOFFSETFROM'],
}
const AT_MOST_ONCE: Record<string, readonly string[]> = {
  VCALENDAR: ['PRODID', 'VERSION', 'CALSCALE', 'METHOD'],
  VEVENT: ['UID', 'DTSTAMP', 'DTSTART', 'DTEND', 'DURATION', 'SUMMARY', 'LOCATION', 'GEO', 'DESCRIPTION', 'URL', 'RRULE', 'STATUS', 'CLASS', 'SEQUENCE'],
  VTIMEZONE: ['TZID'],
  STANDARD: ['DTSTART', 'TZOFFSETTO', 'TZOFFSETFROM'],
  DAYLIGHT: ['DTSTART', 'TZOFFSETTO', 'TZOFFSETFROM'],
}
const ALLOWED_CHILDREN: Record<string, readonly string[]> = { '': ['VCALENDAR'], VCALENDAR: ['VEVENT', 'VTIMEZONE', 'VTODO', 'VJOURNAL', 'VFREEBUSY'], VTIMEZONE: ['STANDARD', 'DAYLIGHT'], VEVENT: ['VALARM'] }
const TEXT_PROPERTIES = new Set(['SUMMARY', 'LOCATION', 'DESCRIPTION', 'X-WR-CALNAME', 'TZNAME', 'COMMENT'])
const DATE_TIME = /^\d{8}T\d{6}Z?$/
const DATE = /^\d{8}$/
const RRULE_PARTS = new Set(['FREQ', 'UNTIL', 'COUNT', 'INTERVAL', 'BYSECOND', 'BYMINUTE', 'BYHOUR', 'BYDAY', 'BYMONTHDAY', 'BYYEARDAY', 'BYWEEKNO', 'BYMONTH', 'BYSETPOS', 'WKST'])
const FREQS = new Set(['SECONDLY', 'MINUTELY', 'HOURLY', 'DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'])

function contentLines(text: string, problems: string[]): ContentLine[] {
  if (!text.endsWith('\r\n')) problems.push('the file does not end with CRLF')
  const physical = text.split('\r\n')
  physical.forEach((line, i) => {
    if (line.includes('\n') || line.includes('\r')) problems.push(`line ${i + 1}: a bare LF or CR (lines end with CRLF)`)
    if (new TextEncoder().encode(line).length > 75) problems.push(`line ${i + 1}: longer than 75 octets`)
  })
  const lines: ContentLine[] = []
  physical.forEach((raw, i) => {
    if (raw === '') return
    if (raw.startsWith(' ') || raw.startsWith('\t')) {
      const previous = lines.pop()
      if (!previous) problems.push(`line ${i + 1}: a continuation with nothing to continue`)
      else lines.push({ ...previous, value: previous.value + raw.slice(1) })
      return
    }
    const match = /^([A-Za-z0-9-]+)((?:;[A-Za-z0-9-]+=(?:"[^"]*"|[^";:,]*)(?:,(?:"[^"]*"|[^";:,]*))*)*):(.*)$/.exec(raw)
    if (!match) {
      problems.push(`line ${i + 1}: not NAME[;PARAM=value]:value`)
      return
    }
    const params = Object.fromEntries([...match[2]!.matchAll(/;([A-Za-z0-9-]+)=("[^"]*"|[^;]*)/g)].map((p) => [p[1]!.toUpperCase(), p[2]!]))
    lines.push({ line: i + 1, name: match[1]!.toUpperCase(), params, value: match[3]! })
  })
  return lines
}

export function rfc5545Problems(text: string): string[] {
  const problems: string[] = []
  const stack: Array<{ name: string; line: number; props: ContentLine[] }> = []
  const tzidsUsed: ContentLine[] = []
  const tzidsDefined = new Set<string>()
  let calendars = 0
  for (const entry of contentLines(text, problems)) {
    const at = `line ${entry.line}`
    if (entry.name === 'BEGIN') {
      const parent = stack.at(-1)?.name ?? ''
      if (!(ALLOWED_CHILDREN[parent] ?? []).includes(entry.value)) problems.push(`${at}: ${entry.value} cannot be inside ${parent || 'the file'}`)
      if (entry.value === 'VCALENDAR') calendars++
      stack.push({ name: entry.value, line: entry.line, props: [] })
      continue
    }
    if (entry.name === 'END') {
      const open = stack.pop()
      if (!open || open.name !== entry.value) {
        problems.push(`${at}: END:${entry.value} closes ${open?.name ?? 'nothing'}`)
        continue
      }
      checkComponent(open, problems, tzidsDefined)
      continue
    }
    const current = stack.at(-1)
    if (!current) {
      problems.push(`${at}: ${entry.name} outside any component`)
      continue
    }
    current.props.push(entry)
    if (entry.params.TZID) tzidsUsed.push(entry)
    checkValue(entry, problems)
  }
  for (const open of stack) problems.push(`line ${open.line}: BEGIN:${open.name} is never closed`)
  if (calendars !== 1) problems.push(`${calendars} VCALENDAR components (one expected)`)
  for (const use of tzidsUsed) if (!tzidsDefined.has(use.params.TZID!)) problems.push(`line ${use.line}: TZID=${use.params.TZID} has no VTIMEZONE`)
  return problems
}

function checkComponent(component: { name: string; line: number; props: ContentLine[] }, problems: string[], tzidsDefined: Set<string>): void {
  const at = `${component.name} at line ${component.line}`
  const count = (name: string) => component.props.filter((p) => p.name === name).length
  for (const name of REQUIRED[component.name] ?? []) if (count(name) === 0) problems.push(`${at}: no ${name}`)
  for (const name of AT_MOST_ONCE[component.name] ?? []) if (count(name) > 1) problems.push(`${at}: ${name} more than once`)
  const find = (name: string) => component.props.find((p) => p.name === name)
  if (component.name === 'VCALENDAR' && find('VERSION') && find('VERSION')!.value !== '2.0') problems.push(`${at}: VERSION is not 2.0`)
  if (component.name === 'VTIMEZONE' && find('TZID')) tzidsDefined.add(find('TZID')!.value)
  if (component.name === 'VEVENT') {
    if (find('DTEND') && find('DURATION')) problems.push(`${at}: both DTEND and DURATION`)
    const start = find('DTSTART')
    const end = find('DTEND')
    if (start && end && end.value <= start.value && start.params.TZID === end.params.TZID) problems.push(`${at}: DTEND is not after DTSTART`)
    const rule = find('RRULE')
    const until = rule?.value.match(/(?:^|;)UNTIL=([^;]*)/)?.[1]
    if (start && until) {
      if (DATE.test(start.value) !== DATE.test(until)) problems.push(`${at}: UNTIL and DTSTART are not both dates or both date-times`)
      else if (!DATE.test(start.value) && !until.endsWith('Z')) problems.push(`${at}: UNTIL must be UTC when DTSTART is a date-time (§3.3.10)`)
    }
  }
}

function checkValue(entry: ContentLine, problems: string[]): void {
  const at = `line ${entry.line}`
  const { name, value } = entry
  if (['DTSTART', 'DTEND', 'DTSTAMP', 'RECURRENCE-ID'].includes(name)) {
    const isDate = entry.params.VALUE === 'DATE'
    if (!(isDate ? DATE : DATE_TIME).test(value)) problems.push(`${at}: ${name} is not a ${isDate ? 'DATE' : 'DATE-TIME'}`)
    if (name === 'DTSTAMP' && !value.endsWith('Z')) problems.push(`${at}: DTSTAMP must be UTC`)
    if (entry.params.TZID && value.endsWith('Z')) problems.push(`${at}: a UTC time with a TZID`)
  }
  if (name === 'EXDATE' || name === 'RDATE') for (const item of value.split(',')) if (!(entry.params.VALUE === 'DATE' ? DATE : DATE_TIME).test(item)) problems.push(`${at}: ${name} item "${item}" is not a date or date-time`)
  if (name === 'TZOFFSETFROM' || name === 'TZOFFSETTO') if (!/^[+-]\d{4}(\d{2})?$/.test(value)) problems.push(`${at}: ${name} is not a UTC offset`)
  if (name === 'GEO' && !/^-?\d+(\.\d+)?;-?\d+(\.\d+)?$/.test(value)) problems.push(`${at}: GEO is not latitude;longitude`)
  if (name === 'RRULE') {
    const parts = value.split(';').map((part) => part.split('='))
    for (const [key] of parts) if (!RRULE_PARTS.has(key!)) problems.push(`${at}: RRULE part ${key} is unknown`)
    const freq = parts.find(([key]) => key === 'FREQ')?.[1]
    if (!freq || !FREQS.has(freq)) problems.push(`${at}: RRULE has no valid FREQ`)
    if (parts.some(([key]) => key === 'UNTIL') && parts.some(([key]) => key === 'COUNT')) problems.push(`${at}: RRULE has both UNTIL and COUNT`)
  }
  if (TEXT_PROPERTIES.has(name)) {
    // In TEXT, a backslash escapes \\ \; \, \n and N only; a bare ; or , is a list separator, not text.
    const unescaped = value.replace(/\\[\\;,nN]/g, '')
    if (/[;,]/.test(unescaped)) problems.push(`${at}: ${name} has an unescaped ; or ,`)
    if (unescaped.includes('\\')) problems.push(`${at}: ${name} has an invalid escape`)
  }
}
