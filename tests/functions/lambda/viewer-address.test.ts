import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { viewerAddress } from '../../../functions/lambda/viewer-address.ts'

describe("the reports' client address on AWS", () => {
  const app = new Hono().get('/', (c) => c.text(viewerAddress(c)))
  const address = async (headers: Record<string, string>, env?: unknown) => (await app.request('/', { headers }, env)).text()

  it("takes CloudFront's viewer address without its port, IPv4 and IPv6, over anything the viewer sent", async () => {
    expect(await address({ 'cloudfront-viewer-address': '198.51.100.7:46532', 'x-forwarded-for': '10.0.0.1' })).toBe('198.51.100.7')
    expect(await address({ 'cloudfront-viewer-address': '2001:db8:85a3::8a2e:370:7334:46532' })).toBe('2001:db8:85a3::8a2e:370:7334')
  })

  it("falls back to API Gateway's source address, then to unknown", async () => {
    expect(await address({}, { requestContext: { http: { sourceIp: '203.0.113.5' } } })).toBe('203.0.113.5')
    expect(await address({})).toBe('unknown')
  })
})
