import Generators

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The files under `folder` whose names match `pattern`, as a generator:
/// Beazley's `gen_find`, a walk of the folder tree that holds one folder
/// listing per level.
///
/// ```swift
/// for path in try findFiles(under: "/var/log/nginx", matching: "access.log*") {
///     print(path)   // /var/log/nginx/access.log, /var/log/nginx/access.log.1.gz, ...
/// }
/// ```
///
/// Names are matched with `fnmatch(3)` (`*`, `?`, `[abc]`), on the name only.
/// Each folder's entries come in byte order of their names, files and
/// subfolders mixed, so a run is repeatable; hidden entries (names starting
/// with `.`) are skipped, symbolic links are not followed, and a subfolder
/// that cannot be read is skipped, as Python's `os.walk` does.
///
/// - Throws: ``PipelineError/cannotOpen(path:reason:)`` when `folder`
///   itself cannot be read.
/// - Complexity: O(*n* log *n*) for *n* entries, one folder listing held
///   per level of the tree.
public func findFiles(under folder: String, matching pattern: String = "*") throws(PipelineError) -> Generator<String> {
    guard let top = opendir(folder) else {
        throw .cannotOpen(path: folder, reason: String(cString: strerror(errno)))
    }
    closedir(top)
    return Generator { generator in
        func walk(_ folder: String) throws {
            for (name, isFolder) in listing(folder) {
                let path = folder.hasSuffix("/") ? folder + name : folder + "/" + name
                if isFolder {
                    try walk(path)
                } else if fnmatch(pattern, name, 0) == 0 {
                    try generator.yield(path)
                }
            }
        }
        try walk(folder)
    }
}

/// A folder's regular files and subfolders (not hidden), by name; empty
/// when it cannot be read.
private func listing(_ folder: String) -> [(name: String, isFolder: Bool)] {
    guard let directory = opendir(folder) else { return [] }
    defer { closedir(directory) }
    var entries: [(name: String, isFolder: Bool)] = []
    while let entry = readdir(directory) {
        let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
            String(cString: raw.assumingMemoryBound(to: CChar.self).baseAddress!)
        }
        guard !name.hasPrefix(".") else { continue }
        var status = stat()
        let path = folder.hasSuffix("/") ? folder + name : folder + "/" + name
        guard lstat(path, &status) == 0 else { continue }
        switch status.st_mode & S_IFMT {
        case S_IFDIR: entries.append((name, true))
        case S_IFREG: entries.append((name, false))
        default: continue
        }
    }
    return entries.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
}
