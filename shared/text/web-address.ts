/**
 * Whether a link may become an `href`: http or https only. The registry's schema admits nothing
 * else (WebAddressSchema); checked again wherever a link is written, because the widget runs on
 * other sites' pages under their CSP, and a record may predate the rule.
 */
export const isWebAddress = (url: string | null | undefined): url is string => typeof url === 'string' && /^https?:\/\//i.test(url)
