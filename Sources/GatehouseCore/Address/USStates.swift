/// US states, the District of Columbia, territories, freely associated states served by USPS,
/// and the military "states", with their names and common abbreviations.
enum USStates {
    /// (USPS code, names and abbreviations that mean it). Compared folded, periods removed.
    static let entries: [(code: String, names: [String])] = [
        ("AL", ["ALABAMA", "ALA"]), ("AK", ["ALASKA", "ALAS"]), ("AZ", ["ARIZONA", "ARIZ"]),
        ("AR", ["ARKANSAS", "ARK"]), ("CA", ["CALIFORNIA", "CALIF", "CAL", "CALI"]),
        ("CO", ["COLORADO", "COLO", "COL"]), ("CT", ["CONNECTICUT", "CONN"]),
        ("DE", ["DELAWARE", "DEL"]),
        ("DC", ["DISTRICT OF COLUMBIA", "WASHINGTON DC", "WASHINGTON D C", "D C", "DIST OF COLUMBIA"]),
        ("FL", ["FLORIDA", "FLA", "FLOR"]), ("GA", ["GEORGIA"]), ("HI", ["HAWAII"]),
        ("ID", ["IDAHO", "IDA"]), ("IL", ["ILLINOIS", "ILL", "ILLS"]), ("IN", ["INDIANA", "IND"]),
        ("IA", ["IOWA"]), ("KS", ["KANSAS", "KAN", "KANS"]), ("KY", ["KENTUCKY", "KEN", "KENT"]),
        ("LA", ["LOUISIANA"]), ("ME", ["MAINE"]), ("MD", ["MARYLAND"]),
        ("MA", ["MASSACHUSETTS", "MASS"]), ("MI", ["MICHIGAN", "MICH"]),
        ("MN", ["MINNESOTA", "MINN"]), ("MS", ["MISSISSIPPI", "MISS"]), ("MO", ["MISSOURI"]),
        ("MT", ["MONTANA", "MONT"]), ("NE", ["NEBRASKA", "NEB", "NEBR"]), ("NV", ["NEVADA", "NEV"]),
        ("NH", ["NEW HAMPSHIRE", "N H"]), ("NJ", ["NEW JERSEY", "N J"]), ("NM", ["NEW MEXICO", "N M", "N MEX"]),
        ("NY", ["NEW YORK", "N Y"]), ("NC", ["NORTH CAROLINA", "N C", "N CAR"]),
        ("ND", ["NORTH DAKOTA", "N D", "N DAK"]), ("OH", ["OHIO"]), ("OK", ["OKLAHOMA", "OKLA"]),
        ("OR", ["OREGON", "ORE", "OREG"]), ("PA", ["PENNSYLVANIA", "PENN", "PENNA"]),
        ("RI", ["RHODE ISLAND", "R I"]), ("SC", ["SOUTH CAROLINA", "S C", "S CAR"]),
        ("SD", ["SOUTH DAKOTA", "S D", "S DAK"]), ("TN", ["TENNESSEE", "TENN"]),
        ("TX", ["TEXAS", "TEX"]), ("UT", ["UTAH"]), ("VT", ["VERMONT"]), ("VA", ["VIRGINIA"]),
        ("WA", ["WASHINGTON", "WASH"]), ("WV", ["WEST VIRGINIA", "W VA", "W VIRGINIA"]),
        ("WI", ["WISCONSIN", "WIS", "WISC"]), ("WY", ["WYOMING", "WYO"]),
        ("PR", ["PUERTO RICO", "P R"]), ("GU", ["GUAM"]),
        ("VI", ["VIRGIN ISLANDS", "US VIRGIN ISLANDS", "U S VIRGIN ISLANDS", "USVI",
                "VIRGIN ISLANDS OF THE UNITED STATES"]),
        ("AS", ["AMERICAN SAMOA"]), ("MP", ["NORTHERN MARIANA ISLANDS", "NORTHERN MARIANAS", "CNMI"]),
        ("FM", ["FEDERATED STATES OF MICRONESIA", "MICRONESIA"]), ("MH", ["MARSHALL ISLANDS"]),
        ("PW", ["PALAU"]),
        ("AA", ["ARMED FORCES AMERICAS", "ARMED FORCES AMERICA"]),
        ("AE", ["ARMED FORCES EUROPE", "ARMED FORCES AFRICA", "ARMED FORCES CANADA",
                "ARMED FORCES MIDDLE EAST"]),
        ("AP", ["ARMED FORCES PACIFIC"]),
    ]

    /// Folded name (words joined by one space, periods dropped) → code.
    static let byName: [String: String] = {
        var table: [String: String] = [:]
        for (code, names) in entries {
            table[code] = code
            for name in names { table[name] = code }
        }
        return table
    }()
}
