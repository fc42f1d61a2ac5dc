import Foundation
import PackagePlugin

/// Embeds a folder of numbered `.sql` migrations into the target that uses this plugin:
/// `migrations/` into `Storage` (the office's schema), `migrations-NAME/` into any other target
/// `Name` (e.g. `migrations-regency/` into `Regency`), whose generated file imports `Storage`
/// for the `Migration` type.
@main
struct EmbedMigrations: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let isOffice = target.name == "Storage"
        let folder = isOffice ? "migrations" : "migrations-\(target.name.lowercased())"
        let migrationsDirectory = context.package.directoryURL.appending(path: folder)
        let files = try FileManager.default
            .contentsOfDirectory(at: migrationsDirectory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "sql" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedMigrations.swift")
        let importArguments = isOffice ? [] : ["--import", "Storage"]
        return [
            .buildCommand(
                displayName: "Embedding \(files.count) migrations from \(folder)",
                executable: try context.tool(named: "MigrationEmbedder").url,
                arguments: importArguments + [output.path] + files.map(\.path),
                inputFiles: files + [migrationsDirectory],
                outputFiles: [output]
            )
        ]
    }
}
