import ArgumentParser
import ReportRendering

/// `--lang id|en` on the command line.
extension ReportLanguage: ExpressibleByArgument {}
