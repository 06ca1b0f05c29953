import Foundation
import Synchronization
import Testing
@testable import CorpusCleanCore

/// The writer queue runs jobs in order on one thread; after a failure no later job runs,
/// `submit` refuses more and `drain` throws the failure.
@Suite struct WriteBehindQueueTests {
    @Test func jobsRunInOrderAndAFailureStopsTheLaterOnes() {
        let queue = WriteBehindQueue(depth: 2)
        let ran = Mutex<[Int]>([])
        for k in 0..<5 {
            let accepted = queue.submit { () throws(InputError) in
                ran.withLock { $0.append(k) }
                if k == 2 { throw InputError(path: "out", message: "disk full") }
            }
            // Jobs 3 and 4 may be refused or accepted, depending on whether job 2 has run
            // yet; either way they must not run.
            if k <= 2 { #expect(accepted) }
        }
        // Once the failing job has run, the queue refuses more.
        while !queue.failed { usleep(1000) }
        #expect(!queue.submit { () throws(InputError) in ran.withLock { $0.append(99) } })
        #expect(throws: InputError.self) { try queue.drain() }
        #expect(ran.withLock { $0 } == [0, 1, 2])
    }

    @Test func drainWaitsForEveryJob() throws {
        let queue = WriteBehindQueue(depth: 1)
        let ran = Mutex(0)
        for _ in 0..<50 {
            queue.submit { () throws(InputError) in
                usleep(100)
                ran.withLock { $0 += 1 }
            }
        }
        try queue.drain()
        #expect(ran.withLock { $0 } == 50)
    }
}
