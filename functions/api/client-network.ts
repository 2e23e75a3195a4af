import { isIPv6 } from 'node:net'

/**
 * What the reports' limit counts as one client: an IPv4 address, or an IPv6 address's /64
 * network (a household's or a phone's whole allocation, through which one client can rotate 2^64
 * addresses). Anything else (no address known) is counted as it is.
 */
export function clientNetwork(address: string): string {
  if (!isIPv6(address)) return address
  // An IPv4 client written as IPv6 (::ffff:192.0.2.1) is that IPv4 client, not the network ::/64.
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address)?.[1]
  if (mapped) return mapped
  const [head = '', tail = ''] = address.toLowerCase().split('::')
  const left = head === '' ? [] : head.split(':')
  const right = address.includes('::') ? (tail === '' ? [] : tail.split(':')) : []
  const groups = address.includes('::') ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right] : left
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '')).join(':')}::/64`
}
