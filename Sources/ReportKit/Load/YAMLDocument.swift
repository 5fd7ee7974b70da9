import Yams

/// Parses the YAML of front matter, gazetteers and interface strings. reportgen reads every
/// value as a string, so Yams' basic resolver is enough: the default one compiles a dozen
/// regular expressions at start and runs them on every scalar to guess its type, which was a
/// tenth of the instructions of a 29-article build.
func composeYAML(_ text: String) throws -> Node? {
    try Yams.compose(yaml: text, .basic)
}
