namespace HfPipelines.SemanticKernel.Workflows;

/// <summary>A node of a parsed workflow file, with the 1-based line it starts on.</summary>
internal abstract record YamlNode(int Line);

/// <summary>A scalar (every scalar is text; tags are ignored).</summary>
internal sealed record YamlScalar(string Value, int Line) : YamlNode(Line);

/// <summary>A mapping, keys in file order (duplicates are refused while reading).</summary>
internal sealed record YamlMap(IReadOnlyList<KeyValuePair<YamlScalar, YamlNode>> Entries, int Line) : YamlNode(Line)
{
    public YamlNode? Get(string key) => Entries.FirstOrDefault(e => e.Key.Value == key).Value;
}

/// <summary>A sequence.</summary>
internal sealed record YamlSequence(IReadOnlyList<YamlNode> Items, int Line) : YamlNode(Line);
