print("journey-bench: not yet")
