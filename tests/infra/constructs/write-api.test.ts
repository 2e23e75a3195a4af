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
  const registry = new RegistryTable(stack, 'Registry')
  const api = new PublicApi(stack, 'Api', { snapshots: new SnapshotBucket(stack, 'Snapshots', { accessLogs: createPrivateBucket(stack, 'Logs') }), codeDir })
  return { stack, make: () => new WriteApi(stack, 'Write', { httpApi: api.httpApi, table: registry.table, codeDir, ...(memoryMiB ? { memoryMiB } : {}) }) }
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

  it('is the only function allowed to write the table', () => {
    const writers = Object.values(template.findResources('AWS::IAM::Policy')).filter((p) => JSON.stringify(p).includes('dynamodb:PutItem'))
    expect(writers).toHaveLength(1)
    expect(JSON.stringify(writers[0])).toContain('WriteFunctionServiceRole')
  })

  it('rejects a memory size Lambda does not offer', () => {
    expect(() => setup(100).make()).toThrow('WriteApi: memoryMiB must be a whole number between 128 and 10240, got 100')
  })
})
