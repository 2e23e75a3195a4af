import { Template } from 'aws-cdk-lib/assertions'
import { describe, expect, it } from 'vitest'
import { createPrivateBucket } from '../../../infra/constructs/private-bucket.ts'
import { PublicApi } from '../../../infra/constructs/public-api.ts'
import { RegistryTable } from '../../../infra/constructs/registry-table.ts'
import { SnapshotBucket } from '../../../infra/constructs/snapshot-bucket.ts'
import { WRITE_API_PATH, WriteApi } from '../../../infra/constructs/write-api.ts'
import { stubCodeDir, testStack } from '../infra-test-stack.ts'

const codeDir = stubCodeDir()
function setup(memoryMiB?: number) {
  const stack = testStack()
  new RegistryTable(stack, 'Registry')
  const api = new PublicApi(stack, 'Api', { snapshots: new SnapshotBucket(stack, 'Snapshots', { accessLogs: createPrivateBucket(stack, 'Logs') }), codeDir })
  return { stack, make: () => new WriteApi(stack, 'Write', { httpApi: api.httpApi, codeDir, ...(memoryMiB ? { memoryMiB } : {}) }) }
}

describe('WriteApi', () => {
  const { stack, make } = setup()
  make()
  const template = Template.fromStack(stack)

  it('reserves the operators\' routes behind IAM authorisation, so no anonymous caller reaches them', () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE', 'GET']) {
      template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: `${method} ${WRITE_API_PATH}`, AuthorizationType: 'AWS_IAM' })
    }
  })

  it('holds no permission on the table while it only answers 501, and no function may write it', () => {
    const policies = JSON.stringify(template.findResources('AWS::IAM::Policy'))
    expect(policies).not.toMatch(/dynamodb:(PutItem|UpdateItem|DeleteItem|BatchWriteItem)/)
    const fn = Object.entries(template.findResources('AWS::Lambda::Function')).find(([id]) => id.startsWith('WriteFunction'))!
    expect(JSON.stringify(fn[1].Properties.Environment ?? {})).not.toContain('Registry')
  })

  it('rejects a memory size Lambda does not offer', () => {
    expect(() => setup(100).make()).toThrow('WriteApi: memoryMiB must be a whole number between 128 and 10240, got 100')
  })
})
