import Foundation
import ArgumentParser

// swift-argument-parser exits with 64 on usage errors; corpusclean documents 2.
do {
    var command = try CorpusCleanCommand.parseAsRoot()
    try command.run()
} catch let error as ExitCode {
    exit(error.rawValue)
} catch {
    let code = CorpusCleanCommand.exitCode(for: error)
    if code == .success {
        CorpusCleanCommand.exit(withError: error)
    }
    let message = CorpusCleanCommand.fullMessage(for: error)
    if !message.isEmpty { printError(message) }
    exit(code == .validationFailure ? ExitStatus.usage.rawValue : code.rawValue)
}
