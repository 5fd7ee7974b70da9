import Foundation
import Testing
@testable import ReportKit

@Suite("Parallel loop")
struct ParallelLoopTests {
    /// Indices seen by the workers, in the order they were recorded.
    final class Seen: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var indices: [Int] = []
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
        guard ProcessInfo.processInfo.activeProcessorCount >= 2 else {
            print("skipped: one processor, so there is no second thread to take the work")
            return
        }
        // Index 0 waits until every other index is done. With a fixed share per thread, the thread
        // holding index 0 would also hold indices only it can run, and the wait would time out.
        let count = 40
        let seen = Seen()
        let othersDone = DispatchSemaphore(value: 0)
        let remaining = Seen()
        ParallelLoop.forEach(count: count, jobs: 2) { index in
            if index == 0 {
                _ = othersDone.wait(timeout: .now() + 10)
            } else if remaining.add(index) == count - 1 {
                othersDone.signal()
            }
            seen.add(index)
            return true
        }
        #expect(seen.indices.last == 0)
        #expect(seen.indices.sorted() == Array(0..<count))
    }
}
