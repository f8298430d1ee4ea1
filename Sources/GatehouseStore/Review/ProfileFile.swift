public import GatehouseCore

/// Sufficiency profiles named on the command line: a built-in name or a YAML file.
public enum ProfileFile {
    /// The built-in profile `nameOrPath` names, else the profile in the YAML file at that path.
    /// - Throws: `DocumentFileError` when the file cannot be read or is not a profile.
    public static func profile(_ nameOrPath: String) throws(DocumentFileError) -> SufficiencyProfile {
        if let builtIn = SufficiencyProfile.named(nameOrPath) { return builtIn }
        let text = try DocumentFiles.read(nameOrPath)
        return try DocumentFiles.decode(SufficiencyProfile.self, yaml: text, file: nameOrPath)
    }
}
