/**
 * How long a test waits for a consumer of the table's stream (the audit trail,
 * the publisher and its workflow relay) to act on a write. On AWS they follow
 * within seconds; on the emulator each consumer reads the single shard in
 * order. The bulk tests (a 10,000-row batch, receipts of hundreds of serials)
 * run last for that reason (vitest.config.ts); this bound is for a busy
 * machine, and a test waits only until its condition holds.
 */
export const STREAM_CONSUMER_LAG_MS = 240_000;
/** Timeout of a test that waits for a stream consumer: the lag plus the test's own work. */
export const STREAM_TEST_TIMEOUT_MS = STREAM_CONSUMER_LAG_MS + 60_000;
