/**
 * The read API function's memory, in MiB: the PublicApi's default, and the figure
 * `npm run bench -- infra` compares the function's measured peak with (every read route, at
 * today's registry and at one 33 times larger). Lambda also gives CPU in proportion to memory
 * (a full vCPU at 1,769 MiB), and the cold start is CPU-bound (module evaluation, the first
 * answer), so the setting is chosen for CPU as much as for room: see docs/PERFORMANCE.md.
 * Kept free of CDK imports so the benchmark can read it.
 */
export const READ_API_MEMORY_MIB = 1024

/**
 * The indexer's memory, in MiB: the SnapshotIndexer's default, and the memory whose heap
 * `npm run bench -- build` gives the indexer's national build (it must fit there).
 */
export const INDEXER_MEMORY_MIB = 2048

/**
 * The read API function's timeout, in seconds: the PublicApi's default, and the time the infra
 * bench's handler is told it has for each event (as Lambda's context tells it on AWS), which is
 * what an answer that fetches records by range measures its budget against.
 */
export const READ_API_TIMEOUT_SECONDS = 10
