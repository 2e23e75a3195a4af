import { describe, expect, it } from 'vitest'
import { clientNetwork } from '../../../functions/api/client-network.ts'

describe('the network a report is counted under', () => {
  it('is an IPv4 address itself, and an IPv6 address its /64, however it is written', () => {
    expect(clientNetwork('198.51.100.7')).toBe('198.51.100.7')
    expect(clientNetwork('2001:db8:abcd:12::1')).toBe('2001:db8:abcd:12::/64')
    expect(clientNetwork('2001:0DB8:ABCD:0012:ffff:0:0:1')).toBe('2001:db8:abcd:12::/64')
    expect(clientNetwork('2001:db8::1')).toBe('2001:db8:0:0::/64')
    expect(clientNetwork('::1')).toBe('0:0:0:0::/64')
    // IPv4 clients written as IPv6 stay one client each, not all of them one network.
    expect(clientNetwork('::ffff:198.51.100.7')).toBe('198.51.100.7')
    expect(clientNetwork('unknown')).toBe('unknown')
  })
})
