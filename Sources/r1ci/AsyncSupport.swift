// Running async library calls from the synchronous command tree.

import R1Train

/// Runs `body` on the concurrency pool and blocks this thread until it ends.
func runBlocking<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
    try blockOn(body)
}
