import Dispatch
import Foundation
import Synchronization
import Testing
@testable import CorpusCleanCore
@testable import CorpusCleanStages
@testable import CorpusCleanScaleOut

@Suite struct OrderedPipelineTests {
    @Test func consumesInProductionOrderWhateverTheTransformTakes() {
        for workers in [1, 2, 4] {
            var next = 0
            var consumed: [Int] = []
            let inFlight = Atomic<Int>(0), peak = Atomic<Int>(0)
            let pipeline = OrderedPipeline(workers: workers, depth: 3 * workers)
            pipeline.run(produce: { () -> Int? in
                guard next < 200 else { return nil }
                next += 1
                let now = inFlight.wrappingAdd(1, ordering: .relaxed).newValue
                peak.store(max(peak.load(ordering: .relaxed), now), ordering: .relaxed)
                return next - 1
            }, transform: { value in
                // Later batches often finish first.
                usleep(UInt32((value * 7919) % 5) * 200)
                value *= 2
            }, consume: { value in
                inFlight.wrappingSubtract(1, ordering: .relaxed)
                consumed.append(value)
                return true
            })
            #expect(consumed == (0..<200).map { $0 * 2 })
            #expect(peak.load(ordering: .relaxed) <= pipeline.depth)
        }
    }

    @Test func stopsProducingAndConsumingOnceConsumeSaysStop() {
        var produced = 0
        var consumed: [Int] = []
        OrderedPipeline(workers: 2, depth: 4).run(produce: { () -> Int? in
            produced += 1
            return produced <= 1000 ? produced : nil
        }, transform: { _ in }, consume: { value in
            consumed.append(value)
            return value < 10
        })
        #expect(consumed == Array(1...10))
        #expect(produced < 20)
    }
}
