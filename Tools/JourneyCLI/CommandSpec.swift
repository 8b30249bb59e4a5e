import EventStore
import Foundation

/// What every command shows in `--help`: its name, summary, usage, options and worked examples.
public struct CommandSpec: Sendable {
  /// The command as typed, such as `state` or `import events`.
  public var name: String
  /// One line for the `journey --help` list.
  public var summary: String
  /// The synopsis: `journey state --authority A [--as-of DATE] …`.
  public var usage: String
  /// Paragraphs on what the command does, shown under the usage.
  public var discussion: String
  /// The options the command accepts, in help order.
  public var options: [OptionSpec]
  /// Command lines that work on the shipped sample ledger.
  public var examples: [String]

  /// A command description; `discussion` may be empty.
  public init(
    name: String, summary: String, usage: String, discussion: String = "", options: [OptionSpec],
    examples: [String]
  ) {
    self.name = name
    self.summary = summary
    self.usage = usage
    self.discussion = discussion
    self.options = options
    self.examples = examples
  }

  /// The full help text.
  public var help: String {
    var lines = ["journey \(name): \(summary)", "", "Usage: \(usage)"]
    if !discussion.isEmpty { lines += ["", discussion] }
    if !options.isEmpty {
      lines += ["", "Options:"]
      let width = options.map { optionLabel($0).count }.max() ?? 0
      for option in options {
        let label = optionLabel(option)
        lines.append("  \(label)\(String(repeating: " ", count: width - label.count + 2))\(option.help)")
      }
    }
    if !examples.isEmpty { lines += ["", "Examples:"] + examples.map { "  " + $0 } }
    return lines.joined(separator: "\n")
  }

  private func optionLabel(_ option: OptionSpec) -> String {
    "--\(option.name)" + (option.value.map { " \($0)" } ?? "")
  }
}
