import type { Hono } from 'hono'

/** Mounts the citizen page and widget when built (web/ lands with its own issue). */
export async function mountWeb(_app: Hono<any, any, any>): Promise<void> {}
