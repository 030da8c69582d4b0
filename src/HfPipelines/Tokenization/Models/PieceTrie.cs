namespace HfPipelines.Tokenization.Models;

/// <summary>
/// A char trie of vocabulary pieces for common-prefix search: walking a text from one position finds every piece that
/// starts there in one pass, stopping as soon as no piece continues (SentencePiece's Darts trie does the same), instead
/// of one dictionary lookup per possible length. Children are kept in one hash map keyed by (node, char). Immutable.
/// </summary>
internal sealed class PieceTrie
{
    private readonly Dictionary<long, int> _children;
    private readonly int[] _ids;

    /// <summary>Builds the trie; a piece that occurs twice keeps its first id (as the piece dictionary does).</summary>
    public PieceTrie(IReadOnlyList<string> pieces)
    {
        _children = new Dictionary<long, int>(pieces.Count * 2);
        var ids = new List<int> { -1 };
        for (var id = 0; id < pieces.Count; id++)
        {
            var node = 0;
            foreach (var c in pieces[id])
            {
                var key = Key(node, c);
                if (!_children.TryGetValue(key, out var child))
                {
                    child = ids.Count;
                    ids.Add(-1);
                    _children[key] = child;
                }

                node = child;
            }

            if (node != 0 && ids[node] < 0)
            {
                ids[node] = id;
            }
        }

        _ids = [.. ids];
    }

    /// <summary>The root node, where a walk starts.</summary>
    public const int Root = 0;

    /// <summary>Moves from <paramref name="node"/> along <paramref name="c"/>; false when no piece continues with it.
    /// <paramref name="id"/> is the piece that ends at the new node, or -1.</summary>
    public bool TryStep(ref int node, char c, out int id)
    {
        if (!_children.TryGetValue(((long)node << 16) | c, out node))
        {
            id = -1;
            return false;
        }

        id = _ids[node];
        return true;
    }

    private static long Key(int node, char c) => ((long)node << 16) | c;
}
