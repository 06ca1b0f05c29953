import Foundation
import Testing
@testable import CorpusCleanCore
@testable import CorpusCleanStages
@testable import CorpusCleanScaleOut

/// An output directory that is the input itself is refused before any work (exit 2).
@Suite struct OutputIsInputTests {
    private func refusal(input: String, output: String) -> InputError? {
        do {
            _ = try RunJob(config: try TestSupport.config("{}"), inputPath: input, outputDirectory: output,
                           logger: TestSupport.logger).run()
            return nil
        } catch let error as InputError {
            return error
        } catch {
            return nil
        }
    }

    @Test func theInputDirectoryAsOutputIsRefusedHoweverItIsNamed() throws {
        let input = try TestSupport.copyOfSeeds()
        let link = try TestSupport.temporaryDirectory("link").appendingPathComponent("seeds")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: input)
        for output in [input.path, input.path + "/", input.path + "/.", link.path] {
            let error = refusal(input: input.path, output: output)
            #expect(error?.outputIsInput == true, "\(output)")
            #expect(error?.isUsageError == true)
            #expect(error?.message.contains("the input directory") == true)
        }
        // Nothing was written into the input.
        #expect(try FileManager.default.contentsOfDirectory(atPath: input.path).sorted() == TestSupport.seedNames)
    }

    @Test func theInputFileAsOutputIsRefused() throws {
        let dir = try TestSupport.temporaryDirectory("same-file")
        let input = dir.appendingPathComponent("in.jsonl")
        let record = #"{"id": "a", "text": "A perfectly normal sentence that is long enough to be kept by every stage."}"# + "\n"
        try record.write(to: input, atomically: true, encoding: .utf8)
        let error = refusal(input: input.path, output: input.path)
        #expect(error?.outputIsInput == true)
        #expect(error?.message.contains("the input file") == true)
        #expect(try String(contentsOf: input, encoding: .utf8) == record)
    }

    @Test func theCLIExitsTwoWithTheReason() throws {
        let input = try TestSupport.copyOfSeeds()
        let directory = try TestSupport.runBinary(["run", "--input", input.path, "--output", input.path])
        #expect(directory.status == 2)
        #expect(directory.stderr.contains("the output directory is the input directory"), "\(directory.stderr)")
        #expect(!FileManager.default.fileExists(atPath: input.appendingPathComponent(".lock").path))
        let file = input.appendingPathComponent(TestSupport.seedNames[0]).path
        let same = try TestSupport.runBinary(["run", "--input", file, "--output", file, "--log-format", "json"])
        #expect(same.status == 2)
        #expect(same.stderr.contains("the output directory is the input file"), "\(same.stderr)")
    }
}
