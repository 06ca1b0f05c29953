import Dispatch
import Synchronization

/// Runs work over the elements of an array on a bounded number of Dispatch workers. Each
/// worker claims the next index from a shared counter, so a slow document does not hold up
/// the others; results land in the element's own slot, so the order never depends on timing.
public struct WorkerPool: Sendable {
    public let workers: Int

    public init(workers: Int) { self.workers = max(1, workers) }

    public func forEach<Element>(_ elements: inout [Element], _ body: (inout Element) -> Void) {
        let count = elements.count
        guard count > 0 else { return }
        if workers == 1 || count == 1 {
            for i in 0..<count { body(&elements[i]) }
            return
        }
        let next = Atomic<Int>(0)
        elements.withUnsafeMutableBufferPointer { buffer in
            let shared = UnsafeSendable(buffer)
            withoutActuallyEscaping(body) { body in
                let work = UnsafeSendable(body)
                DispatchQueue.concurrentPerform(iterations: min(workers, count)) { _ in
                    while true {
                        let i = next.wrappingAdd(1, ordering: .relaxed).oldValue
                        if i >= count { break }
                        work.value(&shared.value[i])
                    }
                }
            }
        }
    }
}

/// Wraps a value for a closure that Dispatch runs concurrently; the pool guarantees that no
/// two workers touch the same element.
struct UnsafeSendable<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
