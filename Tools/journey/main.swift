import Foundation
import JourneyCLI

exit(JourneyCommand.main())
