namespace HfPipelines.LlamaCpp;

/// <summary>Asks the grammar which of the given token ids it accepts: moves them to the front and returns how many.</summary>
internal delegate int GrammarCheck(Span<int> ids);

/// <summary>
/// Rejects tokens without asking the grammar about each one. llama.cpp's grammar consumes a token's code points one
/// by one and rejects it as soon as no parse can go on, and it matches a code point by its class only (see
/// <see cref="GbnfCharClasses"/>). So if a probe token whose whole text is one class (or two classes) is rejected,
/// every token that starts with those classes is rejected too. A step asks about each probe at most once; tokens
/// without a rejected probe are asked about directly. Only valid while the text so far ends on a whole code point
/// (otherwise the next token's first bytes finish the previous character). Built once per model and grammar;
/// not thread-safe (per-step state): one per generation.
/// </summary>
internal sealed class GrammarPrefilter
{
    private readonly int[] _node1;
    private readonly int[] _node2;
    private readonly int[] _probe;
    private readonly int[] _stamp;
    private readonly bool[] _accepted;
    private readonly LlamaTokenPieces _pieces;
    private int[] _queue = new int[64];
    private int[] _queueNodes = new int[64];
    private int _step = 1;
    private int _remaining;

    public GrammarPrefilter(LlamaTokenPieces pieces, GbnfCharClasses classes)
    {
        ArgumentNullException.ThrowIfNull(pieces);
        ArgumentNullException.ThrowIfNull(classes);
        _pieces = pieces;
        var count = pieces.Count;
        _node1 = new int[count];
        _node2 = new int[count];
        var nodes = new Dictionary<long, int>();
        var probes = new List<int>();
        for (var token = 0; token < count; token++)
        {
            _node1[token] = _node2[token] = -1;
            if (pieces.First[token] < 0)
            {
                continue;
            }

            var c1 = classes.Classify(pieces.First[token]);
            _node1[token] = Node(nodes, probes, c1 + 1L);
            if (pieces.Second[token] >= 0)
            {
                _node2[token] = Node(nodes, probes, ((c1 + 1L) << 32) | (uint)classes.Classify(pieces.Second[token]));
            }

            var exact = pieces.CodePoints[token];
            var node = exact == 1 ? _node1[token] : exact == 2 ? _node2[token] : -1;
            if (node >= 0 && probes[node] < 0)
            {
                probes[node] = token;
            }
        }

        _probe = [.. probes];
        _stamp = new int[_probe.Length];
        _accepted = new bool[_probe.Length];
        Probes = _probe.Count(p => p >= 0);
    }

    /// <summary>Probe tokens available (classes and class pairs that some token spells exactly).</summary>
    public int Probes { get; }

    /// <summary>True while the text so far ends on a whole code point, so that probes decide.</summary>
    public bool IsUsable => _remaining <= 0;

    /// <summary>Starts a new step: forgets what the probes said.</summary>
    public void NextStep() => _step++;

    /// <summary>Follows the text: call with every accepted token.</summary>
    public void Accept(int token) => LlamaTokenPieces.Advance(_pieces.Piece(token), ref _remaining);

    /// <summary>Forgets the text (a new generation).</summary>
    public void Reset()
    {
        _remaining = 0;
        _step++;
    }

    /// <summary>Removes the tokens a rejected probe rules out, then asks the grammar about the rest; returns how many are valid (moved to the front).</summary>
    public int KeepValid(Span<int> ids, GrammarCheck check)
    {
        ArgumentNullException.ThrowIfNull(check);
        if (!IsUsable)
        {
            return check(ids);
        }

        var kept = Drop(ids, _node1, check);
        kept = Drop(ids[..kept], _node2, check);
        return check(ids[..kept]);
    }

    /// <summary>Asks about the unknown probes of these tokens' nodes, then drops the tokens whose probe was rejected.</summary>
    private int Drop(Span<int> ids, int[] nodeOf, GrammarCheck check)
    {
        var asked = 0;
        foreach (var id in ids)
        {
            var node = nodeOf[id];
            if (node >= 0 && _probe[node] >= 0 && _stamp[node] != _step)
            {
                _stamp[node] = _step;
                _accepted[node] = false;
                if (asked == _queue.Length)
                {
                    Array.Resize(ref _queue, asked * 2);
                    Array.Resize(ref _queueNodes, asked * 2);
                }

                _queue[asked] = _probe[node];
                _queueNodes[asked++] = node;
            }
        }

        if (asked > 0)
        {
            // The check keeps the order of what it keeps, so walk both lists together to mark accepted probes.
            var probes = _queue.AsSpan(0, asked);
            var valid = check(probes);
            var v = 0;
            for (var i = 0; i < asked && v < valid; i++)
            {
                if (probes[v] == _probe[_queueNodes[i]])
                {
                    _accepted[_queueNodes[i]] = true;
                    v++;
                }
            }
        }

        var kept = 0;
        foreach (var id in ids)
        {
            var node = nodeOf[id];
            if (node < 0 || _probe[node] < 0 || _accepted[node])
            {
                ids[kept++] = id;
            }
        }

        return kept;
    }

    private static int Node(Dictionary<long, int> nodes, List<int> probes, long key)
    {
        if (!nodes.TryGetValue(key, out var node))
        {
            node = probes.Count;
            nodes.Add(key, node);
            probes.Add(-1);
        }

        return node;
    }
}
