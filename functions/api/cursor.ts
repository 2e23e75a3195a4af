import { createHmac, timingSafeEqual } from 'node:crypto'

/**
 * Opaque, tamper-evident page cursors: base64url(JSON) + '.' + HMAC-SHA256, so a client can
 * neither forge a position nor reuse a cursor with another query (the query's fingerprint is
 * inside). On AWS every Lambda shares the secret through its environment.
 */
export interface CursorState {
  /** Registry version the page was computed from. */
  readonly v: number
  /** Fingerprint of the filters the walk belongs to. */
  readonly q: string
  /** Keyset position (last point id) for id-ordered walks. */
  readonly after?: string
  /** With `after`, in exports (one row per place): the last row's site position in that point… */
  readonly site?: number
  /** …and its place's position in that site… */
  readonly place?: number
  /** …and the row itself, its site's id and its place's id (shared/geo/query.ts placeIdOf), which positions shifted by an edit do not change. */
  readonly sid?: string
  readonly pid?: string
  /** Offset for distance-ordered walks, valid only within the same registry version. */
  readonly offset?: number
  /** With `after`, in the change feed: the write ticket of the last point read. */
  readonly seq?: number
}

export class CursorError extends Error {}

/** Positions a walk can reach: no registry has more points than this. */
const MAX_OFFSET = 10_000_000

function isCursorState(state: unknown): state is CursorState {
  if (typeof state !== 'object' || state === null) return false
  const { v, q, after, offset, site, place, seq, sid, pid } = state as Record<string, unknown>
  if (!Number.isSafeInteger(v) || typeof q !== 'string') return false
  if (after !== undefined && (typeof after !== 'string' || after.length === 0 || after.length > 120)) return false
  for (const position of [site, place]) {
    if (position !== undefined && (after === undefined || !Number.isSafeInteger(position) || (position as number) < 0 || (position as number) > 100_000)) return false
  }
  for (const key of [sid, pid]) {
    if (key !== undefined && (site === undefined || typeof key !== 'string' || key.length > 200)) return false
  }
  if (seq !== undefined && (after === undefined || !Number.isSafeInteger(seq) || (seq as number) < 0)) return false
  if (offset !== undefined && !(Number.isSafeInteger(offset) && (offset as number) >= 0 && (offset as number) <= MAX_OFFSET)) return false
  return after === undefined || offset === undefined
}

export function createCursorCodec(secret: string | (() => string)) {
  const key = typeof secret === 'string' ? () => secret : secret
  const sign = (payload: string) => createHmac('sha256', key()).update(payload).digest('base64url').slice(0, 22)
  return {
    encode(state: CursorState): string {
      const payload = Buffer.from(JSON.stringify(state)).toString('base64url')
      return `${payload}.${sign(payload)}`
    },
    decode(cursor: string): CursorState {
      const [payload, signature, extra] = cursor.split('.')
      if (!payload || !signature || extra !== undefined) throw new CursorError('is not a cursor issued by this API')
      const expected = Buffer.from(sign(payload))
      const given = Buffer.from(signature)
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw new CursorError('is not a cursor issued by this API (signature mismatch)')
      try {
        const state = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as CursorState
        if (isCursorState(state)) return state
      } catch {
        // fall through: unreadable JSON is the same answer as a wrong shape
      }
      // A valid signature only says we issued it with this secret: a leaked or reused secret (or an
      // older version of this code) could still sign nonsense, and a page walk must never 500 on it.
      throw new CursorError('is not a cursor issued by this API')
    },
  }
}
export type CursorCodec = ReturnType<typeof createCursorCodec>
