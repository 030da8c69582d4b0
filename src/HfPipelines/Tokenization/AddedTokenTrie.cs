using System.Buffers;

namespace HfPipelines.Tokenization;

/// <summary>A char trie of added-token texts: the longest token starting at a position in O(token length).</summary>
internal sealed class AddedTokenTrie
{
    private readonly Node _root = new();

    public AddedTokenTrie(IEnumerable<(string Key, AddedToken Token)> tokens)
    {
        foreach (var (key, token) in tokens)
        {
            if (key.Length == 0)
            {
                continue;
            }

            var node = _root;
            foreach (var c in key)
            {
                node.Children ??= [];
                if (!node.Children.TryGetValue(c, out var child))
                {
                    child = new Node();
                    node.Children[c] = child;
                }

                node = child;
            }

            node.Match ??= (key, token);
        }

        FirstChars = SearchValues.Create(_root.Children is null ? [] : [.. _root.Children.Keys]);
    }

    public bool IsEmpty => _root.Children is null;

    /// <summary>The chars a token can start with: text without them holds no token.</summary>
    public SearchValues<char> FirstChars { get; }

    /// <summary>The longest token that <paramref name="text"/> has at <paramref name="index"/>, or null.</summary>
    public (string Key, AddedToken Token)? LongestAt(string text, int index)
    {
        (string, AddedToken)? best = null;
        var node = _root;
        for (var i = index; i < text.Length && node.Children is not null && node.Children.TryGetValue(text[i], out var next); i++)
        {
            node = next;
            if (node.Match is { } match)
            {
                best = match;
            }
        }

        return best;
    }

    private sealed class Node
    {
        public Dictionary<char, Node>? Children { get; set; }

        public (string Key, AddedToken Token)? Match { get; set; }
    }
}
