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
    private readonly int[] _tops;
    private readonly int[][] _children;
    private readonly int[][] _members;
    private readonly int[] _always;
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
        (_tops, _children, _members, _always) = BuildTree(count);
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

    /// <summary>
    /// Writes to <paramref name="destination"/> every token with a score below <paramref name="high"/> that no rejected
    /// probe rules out, walking the probes' tree (first class, then class pair) instead of the vocabulary, and returns
    /// how many. The grammar still has to check them (<see cref="KeepValid"/>). Needs <see cref="IsUsable"/>.
    /// </summary>
    public int CollectCandidates(ReadOnlySpan<float> scores, float high, Span<int> destination, GrammarCheck check)
    {
        CountCandidates(check);
        var n = Add(_always, scores, high, destination, 0);
        foreach (var top in _tops)
        {
            if (!_accepted[top])
            {
                continue;
            }

            n = Add(_members[top], scores, high, destination, n);
            foreach (var child in _children[top])
            {
                if (_accepted[child])
                {
                    n = Add(_members[child], scores, high, destination, n);
                }
            }
        }

        return n;
    }

    /// <summary>Asks the tree's probes (first classes, then the pairs under accepted ones) and returns how many
    /// tokens <see cref="CollectCandidates"/> would give with no score limit.</summary>
    public int CountCandidates(GrammarCheck check)
    {
        ArgumentNullException.ThrowIfNull(check);
        Ask(_tops, check);
        var count = _always.Length;
        foreach (var top in _tops)
        {
            if (_accepted[top])
            {
                Ask(_children[top], check);
                count += _members[top].Length;
                foreach (var child in _children[top])
                {
                    count += _accepted[child] ? _members[child].Length : 0;
                }
            }
        }

        return count;
    }

    private static int Add(int[] tokens, ReadOnlySpan<float> scores, float high, Span<int> destination, int n)
    {
        foreach (var token in tokens)
        {
            if (scores[token] < high)
            {
                destination[n++] = token;
            }
        }

        return n;
    }

    /// <summary>Asks the grammar about the probes of the given nodes not asked about in this step.</summary>
    private void Ask(int[] nodes, GrammarCheck check)
    {
        var asked = 0;
        foreach (var node in nodes)
        {
            if (_stamp[node] != _step)
            {
                asked = Enqueue(node, asked);
            }
        }

        Record(asked, check);
    }

    private int Enqueue(int node, int asked)
    {
        _stamp[node] = _step;
        _accepted[node] = false;
        if (asked == _queue.Length)
        {
            Array.Resize(ref _queue, asked * 2);
            Array.Resize(ref _queueNodes, asked * 2);
        }

        _queue[asked] = _probe[node];
        _queueNodes[asked] = node;
        return asked + 1;
    }

    private void Record(int asked, GrammarCheck check)
    {
        if (asked == 0)
        {
            return;
        }

        // The check keeps the order of what it keeps, and a token is the probe of one node only.
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

    /// <summary>
    /// Groups the tokens for <see cref="CollectCandidates"/>: probed first-class nodes (tops) hold the tokens that no
    /// probed class pair covers and have probed class-pair children; tokens without any probe are always candidates.
    /// </summary>
    private (int[] Tops, int[][] Children, int[][] Members, int[] Always) BuildTree(int count)
    {
        var members = new List<int>[_probe.Length];
        var children = new HashSet<int>[_probe.Length];
        var always = new List<int>();
        for (var token = 0; token < count; token++)
        {
            var top = _node1[token];
            if (top < 0 || _probe[top] < 0)
            {
                always.Add(token);
                continue;
            }

            var child = _node2[token];
            var leaf = child >= 0 && _probe[child] >= 0 ? child : top;
            (members[leaf] ??= []).Add(token);
            if (leaf == child)
            {
                (children[top] ??= []).Add(child);
            }
        }

        var tops = Enumerable.Range(0, _probe.Length).Where(node => _probe[node] >= 0 && IsTop(node)).ToArray();
        return (tops, children.Select(c => c is null ? [] : c.ToArray()).ToArray(), members.Select(m => m is null ? [] : m.ToArray()).ToArray(), [.. always]);
    }

    private bool IsTop(int node)
    {
        var token = _probe[node];
        return _node1[token] == node;
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
                asked = Enqueue(node, asked);
            }
        }

        Record(asked, check);
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
