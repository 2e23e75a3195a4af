import { PutCommand, UpdateCommand, DynamoDBDocumentClient, GetCommand, BatchGetCommand, BatchWriteCommand, ScanCommand } from '@aws-sdk/lib-dynamodb'
import { mockClient } from 'aws-sdk-client-mock'
import { afterEach, describe, expect, it } from 'vitest'
import { seedDemoIfEmpty } from '../../../functions/local/seed-if-empty.ts'
import { RefreshingSnapshotSource } from '../../../functions/snapshot/refreshing-snapshot-source.ts'
import { getPoint } from '../../../shared/geo/query.ts'
import { startLocalRegistry } from '../../support/local-registry.ts'
import { samplePoint } from '../../support/sample-point.ts'

/**
 * A crash between the item writes and the version bump (issue 8, item 2): simulated here by a
 * final bump that fails for good, as if the process had died right before it. The real
 * `kill -9` runs are in tests/functions/import/killed-import.test.ts and `npm run bench -- crash`.
 */
const realSend = DynamoDBDocumentClient.prototype.send as (this: DynamoDBDocumentClient, command: unknown) => Promise<never>
let documentMock: ReturnType<typeof mockClient> | undefined
afterEach(() => documentMock?.restore())

/** Every command goes to dynalite, except the writer's final bump (it removes the writer's mark), which dies. */
function dieBeforeTheFinalBump(realClient: DynamoDBDocumentClient): void {
  documentMock = mockClient(DynamoDBDocumentClient)
  for (const Command of [GetCommand, PutCommand, BatchGetCommand, ScanCommand, BatchWriteCommand]) {
    documentMock.on(Command as never).callsFake((input: object) => realSend.call(realClient, new (Command as never as new (i: unknown) => never)(input)))
  }
  documentMock.on(UpdateCommand).callsFake((input: { UpdateExpression: string }) => {
    if (input.UpdateExpression.includes('REMOVE #mine')) return Promise.reject(Object.assign(new Error('process killed'), { name: 'Killed' }))
    return realSend.call(realClient, new UpdateCommand(input as never))
  })
}

const drafts = Array.from({ length: 40 }, (_, i) => samplePoint(`crash-${String(i).padStart(2, '0')}`))

describe('a writer that dies between its item writes and its version bump', () => {
  it('leaves its points stored and its write marked open; the data, not a counter, says the registry is not empty', async () => {
    const fixture = await startLocalRegistry()
    try {
      dieBeforeTheFinalBump(DynamoDBDocumentClient.from(fixture.client))
      await expect(fixture.registry().importPoints(drafts)).rejects.toThrow('process killed')
      documentMock!.restore()
      const registry = fixture.registry()
      expect((await registry.readAll()).records).toHaveLength(40)
      const { version, openWrites } = await registry.getVersion()
      expect(version).toBe(0) // nobody was told
      expect(openWrites).toHaveLength(1)
      expect(await registry.hasAnyPoint()).toBe(true)
      // npm start's seeding asks the data: no demo point joins the real ones.
      expect(await seedDemoIfEmpty(registry, () => {})).toBe(0)
      expect((await registry.readAll()).records).toHaveLength(40)
    } finally {
      await fixture.close()
    }
  })

  it('is recovered by the re-run: every row unchanged, yet the version moves and a running server shows all of it', async () => {
    const fixture = await startLocalRegistry()
    try {
      // A server is running with an empty snapshot when the import starts.
      const server = new RefreshingSnapshotSource({ registry: fixture.registry(), checkEveryMs: 60_000 })
      await server.start()
      dieBeforeTheFinalBump(DynamoDBDocumentClient.from(fixture.client))
      await expect(fixture.registry().importPoints(drafts)).rejects.toThrow('process killed')
      documentMock!.restore()
      await server.refresh()
      expect(server.current()!.pointCount).toBe(0) // the version never moved: the server cannot know

      // The re-run, by a process that knows the dead writer is gone (here: its lease ran out).
      const later = new Date(Date.now() + 2 * 3_600_000)
      const rerun = await fixture.registry({ now: () => later }).importPoints(drafts)
      expect(rerun).toMatchObject({ created: 0, updated: 0, unchanged: 40, recoveredWrites: 1 })
      const after = await fixture.registry().getVersion()
      expect(after.version).toBeGreaterThan(0)
      expect(after.openWrites).toEqual([])

      await server.refresh()
      expect(server.current()!.pointCount).toBe(40)
      expect(getPoint(server.current()!, 'crash-39')?.name).toBe(drafts[39]!.name)
      await server.stop()
    } finally {
      await fixture.close()
    }
  })

  it('is served by a running server as soon as it sees the writer dead, without waiting for another write (the points stayed unserved, and out of the change feed, for hours)', async () => {
    const fixture = await startLocalRegistry()
    try {
      let writerAlive = true
      const writeMarks = { isAlive: () => writerAlive }
      const server = new RefreshingSnapshotSource({ registry: fixture.registry({ writeMarks }), checkEveryMs: 60_000, writeMarks })
      await server.start()
      dieBeforeTheFinalBump(DynamoDBDocumentClient.from(fixture.client))
      await expect(fixture.registry().importPoints(drafts)).rejects.toThrow('process killed')
      documentMock!.restore()
      // While the writer may still be writing, its points wait for its own bump.
      await server.refresh()
      expect(server.current()!.pointCount).toBe(0)
      // Then its process is gone (kill -9): what it stored is all it will store.
      const before = server.current()!.registryVersion
      writerAlive = false
      await server.refresh()
      expect(server.current()!.pointCount).toBe(40)
      // Closed with a bump: the version moves with the data, so ETags and cursors of the old one are not taken for it.
      expect(server.current()!.registryVersion).toBeGreaterThan(before)
      expect((await fixture.registry().getVersion()).openWrites).toEqual([])
      expect(server.current()!.changesHorizon).toBe((await fixture.registry().getVersion()).writeSeq)
      await server.stop()
    } finally {
      await fixture.close()
    }
  })

  it("closes a dead local process's mark at once, without waiting for the lease", async () => {
    const fixture = await startLocalRegistry()
    try {
      dieBeforeTheFinalBump(DynamoDBDocumentClient.from(fixture.client))
      await expect(fixture.registry().importPoints(drafts.slice(0, 3))).rejects.toThrow('process killed')
      documentMock!.restore()
      // Another process on this host, which finds the writer's pid gone.
      expect(await fixture.registry({ writeMarks: { isAlive: () => false } }).recoverInterruptedWrites()).toBe(1)
      expect((await fixture.registry().getVersion()).openWrites).toEqual([])
    } finally {
      await fixture.close()
    }
  })

  it('leaves a live writer alone', async () => {
    const fixture = await startLocalRegistry()
    try {
      dieBeforeTheFinalBump(DynamoDBDocumentClient.from(fixture.client))
      await expect(fixture.registry().importPoints(drafts.slice(0, 3))).rejects.toThrow('process killed')
      documentMock!.restore()
      expect(await fixture.registry({ writeMarks: { isAlive: () => true } }).recoverInterruptedWrites()).toBe(0)
      expect((await fixture.registry().getVersion()).openWrites).toHaveLength(1)
    } finally {
      await fixture.close()
    }
  })
})
