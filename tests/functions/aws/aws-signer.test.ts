import { describe, expect, it } from 'vitest'
import { signAwsRequest } from '../../../functions/aws/aws-signer.ts'
import { encodeS3Path } from '../../../functions/snapshot/s3-signed-get.ts'

// The worked "GET Object" example of the S3 API reference (Signature Version 4, header-based auth).
const s3Example = {
  service: 's3',
  region: 'us-east-1',
  credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
  at: new Date('2013-05-24T00:00:00Z'),
}
const rangedGet = { method: 'GET', url: new URL('https://examplebucket.s3.amazonaws.com/test.txt'), headers: { range: 'bytes=0-9' } } as const

describe('signAwsRequest (the SDK signer, as the read function calls it)', () => {
  it("reproduces the S3 API reference's example signature for a ranged GET", async () => {
    const headers = await signAwsRequest(s3Example, rangedGet)
    expect(headers.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    )
    expect(headers).toMatchObject({
      host: 'examplebucket.s3.amazonaws.com',
      'x-amz-date': '20130524T000000Z',
      'x-amz-content-sha256': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      range: 'bytes=0-9',
    })
  })

  it('signs and sends the session token of temporary credentials', async () => {
    const plain = await signAwsRequest(s3Example, rangedGet)
    const signed = await signAwsRequest({ ...s3Example, credentials: { ...s3Example.credentials, sessionToken: 'token-of-the-role' } }, rangedGet)
    expect(signed['x-amz-security-token']).toBe('token-of-the-role')
    expect(signed.authorization).toContain('x-amz-security-token')
    expect(signed.authorization).not.toBe(plain.authorization)
  })

  it('signs a POST body into the signature, scoped to the service named', async () => {
    const body = '{"SecretId":"x"}'
    const a = await signAwsRequest({ ...s3Example, service: 'secretsmanager' }, { method: 'POST', url: new URL('https://secretsmanager.us-east-1.amazonaws.com/'), body })
    const b = await signAwsRequest({ ...s3Example, service: 'secretsmanager' }, { method: 'POST', url: new URL('https://secretsmanager.us-east-1.amazonaws.com/'), body: body.replace('x', 'y') })
    expect(a.authorization).toMatch(/Credential=AKIAIOSFODNN7EXAMPLE\/20130524\/us-east-1\/secretsmanager\/aws4_request/)
    expect(a.authorization).not.toBe(b.authorization)
  })
})

describe('encodeS3Path', () => {
  it('keeps slashes and unreserved characters and percent-encodes the rest, once', () => {
    expect(encodeS3Path('snapshots/v000000000012-2026-11-23T083000000Z.pvsn')).toBe('snapshots/v000000000012-2026-11-23T083000000Z.pvsn')
    expect(encodeS3Path("a b/c+d/é(1)*!'~")).toBe("a%20b/c%2Bd/%C3%A9%281%29%2A%21%27~")
  })
})
