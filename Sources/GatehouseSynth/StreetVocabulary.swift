/// Street-name parts for synthetic addresses: written for Gatehouse (common English and
/// Spanish words, tree names, historical figures); suffixes follow USPS Publication 28.
enum StreetVocabulary {
    static let trees: [String] = [
        "OAK", "MAPLE", "PINE", "ELM", "CEDAR", "BIRCH", "WILLOW", "ASPEN", "HICKORY", "WALNUT",
        "CHESTNUT", "SYCAMORE", "MAGNOLIA", "DOGWOOD", "SPRUCE", "POPLAR", "CYPRESS", "REDWOOD",
        "JUNIPER", "HAWTHORN", "LOCUST", "MULBERRY", "PECAN", "PEACH", "CHERRY", "LAUREL",
        "HOLLY", "ALDER", "LINDEN", "BEECH", "ASH", "PALM", "MESQUITE", "CATALPA", "HEMLOCK",
    ]

    static let common: [String] = [
        "MAIN", "PARK", "LAKE", "HILL", "RIVER", "SPRING", "CHURCH", "MILL", "HIGHLAND", "RIDGE",
        "SUNSET", "MEADOW", "FOREST", "VALLEY", "UNION", "CENTER", "COLLEGE", "PROSPECT",
        "PLEASANT", "FAIRVIEW", "GROVE", "SCHOOL", "BRIDGE", "MARKET", "WATER", "FRONT",
        "HARBOR", "BROAD", "SPRUCE HILL", "ORCHARD", "CANYON", "MEADOWBROOK", "WOODLAND",
        "GREENWOOD", "RIVERSIDE", "LAKEVIEW", "HILLCREST", "CRESTVIEW", "BAYVIEW", "OCEAN",
        "PRAIRIE", "COUNTRY CLUB", "STATION", "DEPOT", "FACTORY", "QUARRY", "SUMMIT", "GLEN",
        "BROOKSIDE", "WINDSOR", "CAMBRIDGE", "OXFORD", "DOVER", "BRISTOL", "SHERWOOD",
        "ROLLING HILLS", "TWIN OAKS", "EAGLE", "HAWK", "FALCON", "CARDINAL", "ROBIN", "BLUEBIRD",
        "SILVER", "GOLD", "COPPER", "IRON", "STONE", "SANDY", "ROCKY", "CLEAR CREEK", "MILL CREEK",
        "INDIAN", "CHEROKEE", "MOHAWK", "DAKOTA", "ACADEMY", "HOSPITAL", "CEMETERY", "RAILROAD",
    ]

    static let people: [String] = [
        "WASHINGTON", "LINCOLN", "JEFFERSON", "MADISON", "JACKSON", "FRANKLIN", "ADAMS",
        "MONROE", "WILSON", "GRANT", "KENNEDY", "ROOSEVELT", "HAMILTON", "KING",
        "MARTIN LUTHER KING JR", "CESAR CHAVEZ", "HARRISON", "TYLER", "POLK", "TAYLOR",
        "PIERCE", "BUCHANAN", "GARFIELD", "CLEVELAND", "MCKINLEY", "HARDING", "COOLIDGE",
        "HOOVER", "TRUMAN", "EISENHOWER", "REVERE", "HANCOCK", "PENN", "BOONE", "CROCKETT",
        "HOUSTON", "AUSTIN", "LAFAYETTE", "PULASKI", "DOUGLASS", "TUBMAN", "EDISON", "FULTON",
    ]

    static let spanish: [String] = [
        "EL CAMINO REAL", "SAN PEDRO", "LAS PALMAS", "DEL MAR", "VISTA DEL SOL", "SAN JOSE",
        "SANTA ROSA", "LOS ALAMOS", "LA PAZ", "ALAMEDA", "SAN ANTONIO", "SANTA FE", "EL PASO",
        "LOMA VISTA", "CAMINO DEL RIO", "SIERRA", "MONTE VISTA", "LAS FLORES", "SAN MIGUEL",
        "BUENA VISTA", "PASEO", "MIRAMAR", "LA SALLE", "SANTA CLARA", "PALO VERDE",
    ]

    static let ordinalWords: [String] = [
        "FIRST", "SECOND", "THIRD", "FOURTH", "FIFTH", "SIXTH", "SEVENTH", "EIGHTH", "NINTH",
        "TENTH", "ELEVENTH", "TWELFTH",
    ]

    /// Street suffixes: full word, USPS abbreviation, relative frequency.
    static let suffixes: [(full: String, short: String, weight: Double)] = [
        ("STREET", "ST", 24), ("AVENUE", "AVE", 16), ("ROAD", "RD", 13), ("DRIVE", "DR", 14),
        ("LANE", "LN", 8), ("COURT", "CT", 6), ("PLACE", "PL", 4), ("BOULEVARD", "BLVD", 3),
        ("WAY", "WAY", 4), ("CIRCLE", "CIR", 3), ("TERRACE", "TER", 2), ("PARKWAY", "PKWY", 1),
        ("TRAIL", "TRL", 2), ("HIGHWAY", "HWY", 1), ("LOOP", "LOOP", 1), ("PATH", "PATH", 0.5),
        ("RUN", "RUN", 0.5), ("SQUARE", "SQ", 0.4), ("PIKE", "PIKE", 0.3), ("CROSSING", "XING", 0.3),
        ("POINT", "PT", 0.4), ("COVE", "CV", 0.5), ("HOLLOW", "HOLW", 0.3), ("ROW", "ROW", 0.3),
    ]

    /// Directionals: abbreviation and full word.
    static let directionals: [(short: String, full: String)] = [
        ("N", "NORTH"), ("S", "SOUTH"), ("E", "EAST"), ("W", "WEST"),
        ("NE", "NORTHEAST"), ("NW", "NORTHWEST"), ("SE", "SOUTHEAST"), ("SW", "SOUTHWEST"),
    ]

    /// Real street names that contain words a naive gate would reject; they must stay sufficient.
    static let trickyStreets: [(name: String, suffix: Int)] = [
        ("BOX ELDER", 0), ("POST OFFICE", 17), ("UNKNOWN", 5), ("BOXWOOD", 4),
    ]

    /// Placeholder texts found in real address fields instead of an address.
    static let placeholderAddresses: [String] = [
        "Failed to Provide", "Unknown Address", "Don't care", "TBD", "No fixed address",
        "Refused", "N/A", "Homeless", "Not Provided", "FAILED TO PROVIDE", "UNKNOWN ADDRESS",
        "UNKNOWN", "NONE", "NO ADDRESS",
    ]

    /// PO Box spellings, with `#` where the box number goes.
    static let poBoxForms: [String] = [
        "PO BOX #", "P.O. Box #", "POB #", "Post Office Box #", "BOX #", "P O BOX #", "PO Box #",
        "P.O. BOX #", "POBOX #",
    ]

    /// Given-name placeholders.
    static let givenPlaceholders: [String] = ["UNKNOWN", "FNU", "N/A", "NONE", "UNK", "Unknown"]
}
