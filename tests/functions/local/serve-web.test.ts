import { Hono } from 'hono'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cacheControlFor, contentSecurityPolicyFor, mountWeb } from '../../../functions/local/serve-web.ts'

async function appWithDist() {
  const dist = mkdtempSync(join(tmpdir(), 'pv-web-'))
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>page</title>')
  writeFileSync(join(dist, 'embed.html'), '<!doctype html><title>embed</title>')
  writeFileSync(join(dist, 'embed-builder.html'), '<!doctype html><title>builder</title>')
  writeFileSync(join(dist, 'statistiche.html'), '<!doctype html><title>statistics</title>')
  writeFileSync(join(dist, 'accessibilita.html'), '<!doctype html><title>accessibility</title>')
  writeFileSync(join(dist, 'privacy.html'), '<!doctype html><title>privacy</title>')
  mkdirSync(join(dist, 'embed'))
  writeFileSync(join(dist, 'embed', 'statistiche.html'), '<!doctype html><title>statistics embed</title>')
  writeFileSync(join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>')
  writeFileSync(join(dist, 'widget.js'), 'export {}'.repeat(200))
  writeFileSync(join(dist, 'results-map-ABCD1234.js'), 'export {}')
  mkdirSync(join(dist, 'fonts'))
  writeFileSync(join(dist, 'fonts', 'x.woff2'), 'font')
  const app = new Hono()
  app.get('/v1/points', (c) => c.json({ items: [] }))
  app.get('/healthz', (c) => c.json({ status: 'ok' }))
  await mountWeb(app, { distDir: dist })
  app.notFound((c) => c.json({ title: 'Not found' }, 404))
  return app
}

describe('mountWeb', () => {
  it('serves the page at / and the embed at /embed as HTML that is revalidated', async () => {
    const app = await appWithDist()
    const page = await app.request('/')
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(page.headers.get('cache-control')).toBe('no-cache')
    expect(await (await app.request('/embed')).text()).toContain('embed')
    // The accessibility statement and the privacy page every footer links (AgID asks for the first).
    expect(await (await app.request('/accessibilita')).text()).toContain('accessibility')
    expect(await (await app.request('/privacy')).text()).toContain('privacy')
  })

  it('serves the widget as a CORS-enabled, gzipped JavaScript module and answers 304 to its ETag', async () => {
    const app = await appWithDist()
    const widget = await app.request('/widget.js', { headers: { 'accept-encoding': 'gzip' } })
    expect(widget.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(widget.headers.get('access-control-allow-origin')).toBe('*')
    expect(widget.headers.get('content-encoding')).toBe('gzip')
    const again = await app.request('/widget.js', { headers: { 'if-none-match': widget.headers.get('etag')! } })
    expect(again.status).toBe(304)
    // Weak comparison (RFC 9110 §13.1.2), and the tag found in a list.
    const weakened = await app.request('/widget.js', { headers: { 'if-none-match': `"other", W/${widget.headers.get('etag')!.replace(/^W\//, '')}` } })
    expect(weakened.status).toBe(304)
  })

  it('never shadows the API, health check or the API not-found answer', async () => {
    const app = await appWithDist()
    expect(await (await app.request('/v1/points')).json()).toEqual({ items: [] })
    expect(await (await app.request('/healthz')).json()).toEqual({ status: 'ok' })
    expect((await app.request('/nothing-here.js')).status).toBe(404)
  })

  it('lets any site frame the embeds (locator and statistics), but only PuntoVicino itself frame the pages and the builder', async () => {
    const app = await appWithDist()
    const frameAncestors = async (path: string) => (await app.request(path)).headers.get('content-security-policy')?.match(/frame-ancestors ([^;]*)/)?.[1]
    expect(await frameAncestors('/embed')).toBe('*')
    expect(await frameAncestors('/embed.html')).toBe('*')
    expect(await frameAncestors('/')).toBe("'self'")
    expect(await frameAncestors('/index.html')).toBe("'self'")
    expect(await frameAncestors('/embed-builder')).toBe("'self'")
    expect(await frameAncestors('/embed/statistiche')).toBe('*')
    expect(await (await app.request('/embed/statistiche')).text()).toContain('statistics embed')
    expect(await frameAncestors('/statistiche')).toBe("'self'")
    expect(contentSecurityPolicyFor('/')).toContain("script-src 'self'")
  })

  it('answers /favicon.ico with the favicon, since browsers ask for it whatever the page links', async () => {
    const app = await appWithDist()
    const icon = await app.request('/favicon.ico')
    expect(icon.status).toBe(200)
    expect(icon.headers.get('content-type')).toBe('image/svg+xml')
    expect(await icon.text()).toContain('<svg')
  })

  it('caches hashed chunks for a year and stable names for minutes', () => {
    expect(cacheControlFor('/results-map-ABCD1234.js')).toBe('public, max-age=31536000, immutable')
    expect(cacheControlFor('/widget.js')).toBe('public, max-age=300')
    expect(cacheControlFor('/index.html')).toBe('no-cache')
  })
})

describe('the local Content Security Policy', () => {
  it('is the one CloudFront ships, less the HTTPS upgrade that plain-HTTP localhost cannot take', async () => {
    const { DEFAULT_CONTENT_SECURITY_POLICY } = await import('../../../functions/site/content-security-policy.ts')
    expect(contentSecurityPolicyFor('/')).toBe(DEFAULT_CONTENT_SECURITY_POLICY.replace('; upgrade-insecure-requests', ''))
    expect(DEFAULT_CONTENT_SECURITY_POLICY).toMatch(/upgrade-insecure-requests$/)
  })

  it('asks again for the map style on each load, since choosing an archive replaces it', () => {
    expect(cacheControlFor('/tiles/style.json')).toBe('no-cache')
  })
})
