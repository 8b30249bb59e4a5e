/// The `journey` command line: parses arguments and runs one command.
public enum JourneyCommand {}
