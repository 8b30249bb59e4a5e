import JourneyDomain

/// How `journey` ends: 0 success, 1 failure, 64 misuse (`EX_USAGE`).
public enum ExitStatus: Int32, Sendable {
  case success = 0
  case failure = 1
  case usage = 64
}
