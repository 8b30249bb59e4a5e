/// Given/when/then helpers and a conformance check for projections.
public enum ProjectionTestKit {}
