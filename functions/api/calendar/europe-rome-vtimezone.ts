/**
 * Europe/Rome as an iCalendar VTIMEZONE (RFC 5545 §3.6.5): CET in winter, CEST from the last
 * Sunday of March to the last Sunday of October (the EU rule since 1996, the one Rome follows).
 * Written out once rather than generated: it is what calendar programs expect to find beside
 * events whose DTSTART names TZID=Europe/Rome.
 */
export const EUROPE_ROME_VTIMEZONE: readonly string[] = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Rome',
  'X-LIC-LOCATION:Europe/Rome',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
]
