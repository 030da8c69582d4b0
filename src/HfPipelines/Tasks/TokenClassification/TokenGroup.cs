namespace HfPipelines.Tasks;

/// <summary>A token or a word on its way to an entity (the dicts of transformers' token_classification.py).</summary>
internal sealed class TokenGroup
{
    public required string Entity { get; set; }

    public float Score { get; set; }

    public float[] Scores { get; init; } = [];

    public int? Index { get; init; }

    public required List<int> TokenIds { get; init; }

    public required List<string> Words { get; init; }

    public int Start { get; init; }

    public int End { get; init; }

    public bool IsSubword { get; init; }
}
