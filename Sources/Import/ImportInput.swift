import Foundation

/// A private copy of an import's input, taken once before the import reads it.
///
/// An import reads a snapshot: a file that changes while it is imported must not yield a batch
/// of half the old and half the new rows, and an importer may read its input more than once
/// (standard input (`-`) and FIFOs can be read only once). The copy keeps the file's name, so
/// citations name the file the user gave (`stdin` for standard input).
public struct ImportInput: Sendable {
  /// What the user named: a path or `-`.
  public let operand: String
  /// The snapshot the importer reads.
  public let path: String

  /// Copies `operand` (a path relative to `directory`, or `-` for standard input) to a private file.
  ///
  /// - Throws: `DomainError` naming the input when it is missing, a directory, unreadable, or
  ///   changed size while it was being copied.
  public static func snapshot(_ operand: String, in directory: String) throws(DomainError) -> ImportInput {
    let bytes: Data
    let name: String
    if operand == "-" {
      bytes = try read(FileHandle.standardInput, operand: "standard input")
      name = "stdin"
    } else {
      let path = operand.hasPrefix("/") ? operand : directory + "/" + operand
      try checkReadable(path, operand: operand)
      guard let handle = FileHandle(forReadingAtPath: path) else {
        throw DomainError(.unreadableFile, "cannot read \(operand)", hint: "no permission, or it is not a regular file")
      }
      defer { try? handle.close() }
      bytes = try read(handle, operand: operand)
      try checkUnchanged(path, operand: operand, copied: bytes.count)
      name = URL(fileURLWithPath: path).lastPathComponent
    }
    return try write(bytes, name: name, operand: operand)
  }

  /// Removes the snapshot.
  public func remove() {
    try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path)
  }

  private static func checkReadable(_ path: String, operand: String) throws(DomainError) {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw DomainError(
        .unreadableFile, "cannot read \(operand): no such file",
        hint: "give the path of a CSV file, or - for standard input")
    }
    if isDirectory.boolValue {
      throw DomainError(
        .unreadableFile, "cannot read \(operand): it is a directory, not a CSV file",
        hint: "give the path of a CSV file inside it")
    }
  }

  private static func read(_ handle: FileHandle, operand: String) throws(DomainError) -> Data {
    do { return try handle.readToEnd() ?? Data() } catch {
      throw DomainError(.unreadableFile, "cannot read \(operand): \(error.localizedDescription)")
    }
  }

  /// A regular file whose size differs from what was read was written to during the copy.
  private static func checkUnchanged(_ path: String, operand: String, copied: Int) throws(DomainError) {
    let attributes = try? FileManager.default.attributesOfItem(atPath: path)
    guard (attributes?[.type] as? FileAttributeType) == .typeRegular,
      let size = (attributes?[.size] as? NSNumber)?.intValue
    else { return }
    if size != copied {
      throw DomainError(
        .unreadableFile, "\(operand) changed while it was being read (\(copied) bytes read, now \(size))",
        hint: "nothing was appended; import it again once it is complete")
    }
  }

  private static func write(_ bytes: Data, name: String, operand: String) throws(DomainError) -> ImportInput {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("journey-import-\(UUID().uuidString)")
    do {
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
      let file = directory.appendingPathComponent(name)
      try bytes.write(to: file)
      return ImportInput(operand: operand, path: file.path)
    } catch {
      throw DomainError(.unreadableFile, "cannot copy \(operand) to a temporary file: \(error.localizedDescription)")
    }
  }
}
