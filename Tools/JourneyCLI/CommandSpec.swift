import EventStore
import Foundation

/// What every command shows in `--help`: its name, summary, usage, options and worked examples.
public struct CommandSpec: Sendable {
  public var name: String
  public var summary: String
  public var usage: String
  public var discussion: String
  public var options: [OptionSpec]
  public var examples: [String]

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
