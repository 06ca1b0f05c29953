import Dispatch
import Logging

/// Runs the configured steps over a reader's documents in batches and hands every batch,
/// in input order, to the writer.
///
/// Per batch: each document step runs on the worker pool; a corpus step runs its pure half
/// on the pool and its deciding half sequentially in input order. Memory is bounded by the
/// batch size, not the corpus size, and the output does not depend on the worker count.
public final class PipelineRunner {
    public let steps: [PipelineStep]
    public let pool: WorkerPool
    public let batchSize: Int
    public let logger: Logger
    /// Called after every batch with the documents done so far and the bytes read.
    public var progress: ((Int, Int) -> Void)?
    /// Called with every finished document, in input order (for debugging flags).
    public var observer: ((DocumentState) -> Void)?

    public init(steps: [PipelineStep], workers: Int, batchSize: Int, logger: Logger) {
        self.steps = steps
        pool = WorkerPool(workers: workers)
        self.batchSize = batchSize
        self.logger = logger
    }

    /// Processes every document of `reader` (at most `limit`), writing through `writer`.
    public func run(reader: inout some DocumentReader, writer: OutputWriter?, summary: inout RunSummary,
                    limit: Int? = nil) throws(InputError) {
        let start = DispatchTime.now().uptimeNanoseconds
        let corpusStages = steps.compactMap { step -> (any CorpusStage)? in
            if case let .corpus(stage) = step { return stage } else { return nil }
        }
        for stage in corpusStages { try stage.begin() }
        // A stage that needs the whole input splits the steps: the held documents go on after it.
        let holding = steps.firstIndex { step in
            if case let .corpus(stage) = step { return stage.holdsDocuments } else { return false }
        }
        let firstSteps = 0..<(holding.map { $0 + 1 } ?? steps.count)
        var held: [DocumentState] = []
        var done = 0
        while limit.map({ done < $0 }) ?? true {
            var batch: [Document] = []
            batch.reserveCapacity(batchSize)
            while batch.count < batchSize, limit.map({ done + batch.count < $0 }) ?? true, let doc = reader.next() {
                batch.append(doc)
            }
            if batch.isEmpty { break }
            var states = batch.map(DocumentState.init)
            process(&states, summary: &summary, steps: firstSteps)
            done += states.count
            if holding != nil {
                held.append(contentsOf: states)
            } else {
                try finishBatch(states, writer: writer, summary: &summary)
            }
            progress?(done, summary.bytesIn)
        }
        if let holding, case let .corpus(stage) = steps[holding] {
            stage.settle(&held)
            var offset = 0
            while offset < held.count {
                var states = Array(held[offset..<min(held.count, offset + batchSize)])
                process(&states, summary: &summary, steps: (holding + 1)..<steps.count)
                try finishBatch(states, writer: writer, summary: &summary)
                offset += batchSize
            }
        }
        for stage in corpusStages { try stage.finish() }
        summary.seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    private func finishBatch(_ states: [DocumentState], writer: OutputWriter?, summary: inout RunSummary) throws(InputError) {
        for state in states {
            summary.add(state)
            observer?(state)
        }
        try writer?.write(states)
    }

    /// Runs every step over one batch.
    public func process(_ states: inout [DocumentState], summary: inout RunSummary, steps range: Range<Int>? = nil) {
        for stepIndex in range ?? steps.indices {
            let step = steps[stepIndex]
            let stepStart = DispatchTime.now().uptimeNanoseconds
            switch step {
            case let .document(stage):
                pool.forEach(&states) { state in
                    guard state.isActive else { return }
                    let t0 = DispatchTime.now().uptimeNanoseconds
                    var report = stage.process(&state)
                    report.nanoseconds = DispatchTime.now().uptimeNanoseconds - t0
                    state.record(report)
                }
            case let .corpus(stage):
                pool.forEach(&states) { state in
                    guard state.isActive else { return }
                    stage.prepare(&state)
                }
                for i in states.indices where states[i].isActive {
                    let report = stage.decide(&states[i])
                    states[i].record(report)
                }
            }
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds - stepStart) / 1e9
            if stepIndex < summary.stages.count { summary.stages[stepIndex].seconds += elapsed }
        }
    }
}
