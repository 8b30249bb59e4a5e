import JourneyCLI
