/// The children's services improvement-journey domain: event catalogue, periods and authorities.
public enum JourneyDomain {}
