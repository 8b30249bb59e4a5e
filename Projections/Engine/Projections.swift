/// Projections rebuild views from the log; see `Projection`.
public enum ProjectionsModule {}
