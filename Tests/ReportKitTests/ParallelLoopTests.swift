import Foundation
import Testing
@testable import ReportKit

@Suite("Parallel loop")
struct ParallelLoopTests {
    /// Indices seen by the workers, in the order they were recorded.
    final class Seen: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var indices: [Int] = []
        var count: Int { lock.lock(); defer { lock.unlock() }; return indices.count }
        /// Records `index` and says how many indices are recorded now.
        @discardableResult
        func add(_ index: Int) -> Int { lock.lock(); defer { lock.unlock() }; indices.append(index); return indices.count }
    }

    @Test("every index runs exactly once, whatever the number of threads", arguments: [(0, 2), (1, 4), (7, 1), (100, 2), (100, 8)])
    func everyIndexOnce(count: Int, jobs: Int) {
        let seen = Seen()
        ParallelLoop.forEach(count: count, jobs: jobs) { index in seen.add(index); return true }
        #expect(seen.indices.sorted() == Array(0..<count))
    }

    @Test("a worker that is told to stop takes no further index")
    func stopping() {
        let seen = Seen()
        ParallelLoop.forEach(count: 10, jobs: 1) { index in seen.add(index); return index < 3 }
        #expect(seen.indices == [0, 1, 2, 3])
    }

    @Test("while one thread is held up, the others take every remaining index")
    func noFixedShares() throws {
        // Index 0 waits until every other index is done. With a fixed share per thread, the thread
        // holding index 0 would also hold indices only it can run, and the wait would time out.
        let count = 40
        let remaining = Seen()
        let doneWhenZeroResumed = Seen()
        let threads = Seen()
        let othersDone = DispatchSemaphore(value: 0)
        ParallelLoop.forEach(count: count, jobs: 2) { index in
            threads.add(Int(bitPattern: UInt(pthread_self())))
            if index == 0 {
                _ = othersDone.wait(timeout: .now() + 5)
                doneWhenZeroResumed.add(remaining.count)
            } else if remaining.add(index) == count - 1 {
                othersDone.signal()
            }
            return true
        }
        // A busy pool may give the loop one thread only (other tests run beside this one): then
        // there is nobody to take the work, and nothing to check.
        guard Set(threads.indices).count > 1 else {
            print("skipped: the loop ran on one thread")
            return
        }
        #expect(doneWhenZeroResumed.indices == [count - 1])
        #expect(remaining.indices.sorted() == Array(1..<count))
    }
}
