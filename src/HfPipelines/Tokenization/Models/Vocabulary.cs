namespace HfPipelines.Tokenization.Models;

/// <summary>A token to id map and its reverse.</summary>
internal sealed class Vocabulary
{
    private readonly Dictionary<string, int> _ids;
    private readonly string?[] _tokens;

    public Vocabulary(Dictionary<string, int> ids)
    {
        _ids = ids;
        var size = ids.Count == 0 ? 0 : ids.Values.Max() + 1;
        _tokens = new string?[size];
        foreach (var (token, id) in ids)
        {
            if (id >= 0)
            {
                _tokens[id] = token;
            }
        }

        Lookup = _ids.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var token in ids.Keys)
        {
            MaxTokenLength = Math.Max(MaxTokenLength, token.Length);
        }
    }

    /// <summary>The length in chars of the longest token: no longer text can be in the vocabulary.</summary>
    public int MaxTokenLength { get; }

    public Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> Lookup { get; }

    public int Size => _tokens.Length;

    public int Count => _ids.Count;

    public int? TokenToId(string token) => _ids.TryGetValue(token, out var id) ? id : null;

    public bool TryGetId(ReadOnlySpan<char> token, out int id) => Lookup.TryGetValue(token, out id);

    public string? IdToToken(int id) => id >= 0 && id < _tokens.Length ? _tokens[id] : null;
}
