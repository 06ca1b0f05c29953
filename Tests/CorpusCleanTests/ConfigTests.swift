import Foundation
import Testing
@testable import CorpusCleanCore
@testable import CorpusCleanStages
@testable import CorpusCleanScaleOut

@Suite struct ConfigTests {
    private func error(_ json: String) -> ConfigError? {
        do {
            _ = try TestSupport.config(json)
            return nil
        } catch let error as ConfigError {
            return error
        } catch {
            return nil
        }
    }

    @Test func theShippedConfigIsValidAndEqualsTheDefaults() throws {
        let config = try PipelineConfig.load(path: TestSupport.packageRoot.appendingPathComponent("pipeline.json").path)
        #expect(config.stages == StageRegistry.builtIn.names)
        #expect(config.configHash == PipelineConfig.defaults().configHash)
    }

    @Test func unknownKeysNameThePathAndTheValidKeys() {
        let e = error(#"{"dedup": {"treshold": 0.8}}"#)
        #expect(e?.keyPath == "dedup.treshold")
        #expect(e?.message.contains("threshold") == true)
        #expect(error(#"{"stagez": []}"#)?.keyPath == "stagez")
    }

    @Test func wrongTypesAndRangesAreRejected() {
        #expect(error(#"{"dedup": {"threshold": "high"}}"#)?.message.contains("expected number") == true)
        #expect(error(#"{"dedup": {"threshold": 1.5}}"#)?.keyPath == "dedup.threshold")
        #expect(error(#"{"workers": 1.5}"#)?.keyPath == "workers")
        #expect(error(#"{"normalize": {"form": "NFX"}}"#)?.message.contains("NFKC") == true)
        #expect(error(#"{"language": []}"#)?.message.contains("expected object") == true)
        #expect(error(#"[1, 2]"#) != nil)
    }

    @Test func unknownStagesListTheChoices() {
        let e = error(#"{"stages": ["normalize", "dedupe"]}"#)
        #expect(e?.keyPath == "stages[1]")
        #expect(e?.message.contains("boilerplate") == true)
        #expect(error(#"{"stages": ["dedup", "dedup"]}"#)?.keyPath == "stages[1]")
    }

    @Test func keysGivenTwiceAreRejected() {
        #expect(error(#"{"workers": 1, "workers": 2}"#)?.message == "key given twice")
        let nested = error(#"{"language": {"allowed": ["en"], "allowed": ["de"]}}"#)
        #expect(nested?.keyPath == "language.allowed")
        #expect(nested?.message == "key given twice")
    }

    @Test func allowedLanguagesMustBeCodesTheStageAnswers() throws {
        let name = error(#"{"language": {"allowed": ["english"]}}"#)
        #expect(name?.keyPath == "language.allowed[0]")
        #expect(name?.message == #""english" is not a language code the language stage answers; did you mean "en"?"#)
        // CLD2's own codes for languages the stage names otherwise.
        #expect(error(#"{"language": {"allowed": ["en", "iw"]}}"#)?.message.contains(#"did you mean "he""#) == true)
        #expect(error(#"{"language": {"allowed": ["en", "de", "no"]}}"#)?.keyPath == "language.allowed[2]")
        let unknown = error(#"{"language": {"allowed": ["xq"]}}"#)
        #expect(unknown?.message.contains("ISO 639-1") == true)
        #expect(unknown?.message.contains("did you mean") == false)
        #expect(error(#"{"language": {"allowed": ["EN"]}}"#) != nil)
        #expect(error(#"{"language": {"allowed": ["zh-Hant"]}}"#) != nil)
        let config = try TestSupport.config(#"{"language": {"allowed": ["en", "de", "haw", "ceb", "chr", "nb", "zh", "he", "und"]}}"#)
        #expect(config[LanguageStage.self].allowed.count == 9)
    }

    @Test func theAnswerableLanguageCodesCoverWhatTheStageAnswers() {
        let codes = LanguageCodes.answerable
        #expect(codes.allSatisfy { $0.count >= 2 && $0.count <= 3 && $0.allSatisfy { ("a"..."z").contains($0) } })
        #expect(codes.count > 150)
        for code in ["en", "de", "zh", "ja", "ko", "he", "yi", "nb", "nn", "sr", "bs", "hr", "tl", "jv", "haw", "ceb", "chr", "syr", "und"] {
            #expect(codes.contains(code), "\(code)")
        }
        for code in ["iw", "jw", "in", "ji", "no", "mo", "un", "xx", "xxx", "zh-Hant", "sr-Latn", "english"] {
            #expect(!codes.contains(code), "\(code)")
        }
        for code in (NgramModel.shipped?.languages ?? []) + ScriptPrior.languages.values.flatMap({ $0 }) {
            #expect(codes.contains(LanguageCodes.iso(code)), "\(code)")
        }
        let identifier = LanguageIdentifier(bestEffort: true)
        for name in TestSupport.seedNames {
            let code = identifier.identify((try? TestSupport.seedText(name)) ?? "").code
            #expect(codes.contains(code), "\(name): \(code)")
        }
    }

    @Test func brokenJSONNamesTheFile() throws {
        let dir = try TestSupport.temporaryDirectory("config")
        let path = dir.appendingPathComponent("broken.json").path
        try "{\"workers\": 2,,}".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: ConfigError.self) { try PipelineConfig.load(path: path) }
        do {
            _ = try PipelineConfig.load(path: path)
        } catch {
            #expect(error.file == path)
            #expect(error.message.contains("byte"))
        }
    }

    @Test func configHashIgnoresPathsAndWorkersButNotOptions() throws {
        let a = try TestSupport.config(#"{"workers": 1, "input": {"path": "x"}}"#)
        let b = try TestSupport.config(#"{"workers": 4, "output": {"path": "y"}}"#)
        let c = try TestSupport.config(#"{"dedup": {"threshold": 0.9}}"#)
        #expect(a.configHash == b.configHash)
        #expect(a.configHash != c.configHash)
    }
}
