import Synchronization
import Testing
@testable import CorpusCleanCore

/// What the writer hands back is destroyed by the thread that allocated it, so that glibc does
/// not take that thread's arena lock for a free from another; another thread's values are
/// destroyed only once more than `patience` of them wait.
@Suite struct WorkerFreesTests {
    final class Count: Sendable {
        let value = Atomic<Int>(0)
    }

    /// Counts its instances destroyed.
    final class Tracked: Sendable {
        let destroyed: Count
        init(_ destroyed: Count) { self.destroyed = destroyed }
        deinit { destroyed.value.add(1, ordering: .relaxed) }
    }

    @Test func aThreadDestroysItsOwnAndAnothersOnlyPastPatience() {
        let destroyed = Count()
        let frees = WorkerFrees<Tracked>(patience: 2)
        let me = WorkerFrees<Tracked>.currentThread
        let other = me &+ 1
        frees.hand(Tracked(destroyed), allocatedBy: me)
        frees.hand(Tracked(destroyed), allocatedBy: other)
        frees.hand(Tracked(destroyed), allocatedBy: other)
        frees.free()
        #expect(destroyed.value.load(ordering: .relaxed) == 1)
        frees.hand(Tracked(destroyed), allocatedBy: other)
        #expect(destroyed.value.load(ordering: .relaxed) == 1)
        frees.free()
        #expect(destroyed.value.load(ordering: .relaxed) == 4)
        var more = [Tracked(destroyed), Tracked(destroyed)]
        frees.hand(contentsOf: &more, allocatedBy: me)
        #expect(more.isEmpty)
        frees.free()
        #expect(destroyed.value.load(ordering: .relaxed) == 6)
    }

    /// A thread that never calls `free()` again (Dispatch retired it) leaves its few values
    /// for no longer than `4 * patience` calls of the others.
    @Test func aRetiredThreadsValuesGoAfterPatienceCalls() {
        let destroyed = Count()
        let frees = WorkerFrees<Tracked>(patience: 2)
        let retired = WorkerFrees<Tracked>.currentThread &+ 1
        frees.hand(Tracked(destroyed), allocatedBy: retired)
        for _ in 0..<8 { frees.free() }
        #expect(destroyed.value.load(ordering: .relaxed) == 0)
        #expect(frees.waiting == 1)
        frees.free()
        #expect(destroyed.value.load(ordering: .relaxed) == 1)
        #expect(frees.waiting == 0)
    }
}

