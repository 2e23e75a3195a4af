import { describe, expect, it } from 'vitest'
import { encodeS3Path, signS3Request } from '../../../functions/snapshot/s3-sigv4.ts'

// The worked "GET Object" example of the S3 API reference (Signature Version 4, header-based auth).
const example = {
  method: 'GET',
  host: 'examplebucket.s3.amazonaws.com',
  path: '/test.txt',
  headers: { range: 'bytes=0-9' },
  region: 'us-east-1',
  credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
  at: new Date('2013-05-24T00:00:00Z'),
} as const

describe('signS3Request', () => {
  it("reproduces the S3 API reference's example signature for a ranged GET", () => {
    expect(signS3Request(example).authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    )
  })

  it('sends the date, the empty-body hash and the host it signed', () => {
    expect(signS3Request(example)).toMatchObject({
      host: 'examplebucket.s3.amazonaws.com',
      'x-amz-date': '20130524T000000Z',
      'x-amz-content-sha256': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      range: 'bytes=0-9',
    })
  })

  it('signs and sends the session token of temporary credentials', () => {
    const signed = signS3Request({ ...example, credentials: { ...example.credentials, sessionToken: 'token-of-the-role' } })
    expect(signed['x-amz-security-token']).toBe('token-of-the-role')
    expect(signed.authorization).toContain('SignedHeaders=host;range;x-amz-content-sha256;x-amz-date;x-amz-security-token,')
    expect(signed.authorization).not.toBe(signS3Request(example).authorization)
  })
})

describe('encodeS3Path', () => {
  it('keeps slashes and unreserved characters and percent-encodes the rest, once', () => {
    expect(encodeS3Path('snapshots/v000000000012-2026-11-23T083000000Z.pvsn')).toBe('snapshots/v000000000012-2026-11-23T083000000Z.pvsn')
    expect(encodeS3Path("a b/c+d/é(1)*!'~")).toBe("a%20b/c%2Bd/%C3%A9%281%29%2A%21%27~")
  })
})
