using System.Text;

namespace HfPipelines.Generation;

/// <summary>
/// Cuts streamed text before the first stop sequence, holding back only the tail that could still begin
/// one. Not thread-safe; one per generation.
/// </summary>
public sealed class StopSequenceFilter
{
    private readonly string[] _stops;
    private readonly StringBuilder _pending = new();

    /// <summary>Creates a filter.</summary>
    /// <param name="stops">Stop sequences (empty ones are ignored).</param>
    public StopSequenceFilter(IEnumerable<string>? stops)
    {
        _stops = stops?.Where(s => !string.IsNullOrEmpty(s)).ToArray() ?? [];
    }

    /// <summary>True once a stop sequence was seen; later pieces are dropped.</summary>
    public bool Stopped { get; private set; }

    /// <summary>Adds a piece and returns the text that is safe to emit now.</summary>
    /// <param name="piece">The new text.</param>
    /// <returns>Text to emit (maybe empty).</returns>
    public string Push(string piece)
    {
        ArgumentNullException.ThrowIfNull(piece);
        if (Stopped)
        {
            return string.Empty;
        }

        if (_stops.Length == 0)
        {
            return piece;
        }

        _pending.Append(piece);
        var text = _pending.ToString();
        var cut = _stops.Select(s => text.IndexOf(s, StringComparison.Ordinal)).Where(i => i >= 0).DefaultIfEmpty(-1).Min();
        if (cut >= 0)
        {
            Stopped = true;
            _pending.Clear();
            return text[..cut];
        }

        var keep = HeldBack(text);
        _pending.Clear().Append(text, text.Length - keep, keep);
        return text[..^keep];
    }

    /// <summary>Returns what is still held back, at the end of generation.</summary>
    /// <returns>The remaining text.</returns>
    public string Flush()
    {
        var rest = Stopped ? string.Empty : _pending.ToString();
        _pending.Clear();
        return rest;
    }

    private int HeldBack(string text)
    {
        var longest = 0;
        foreach (var stop in _stops)
        {
            for (var length = Math.Min(stop.Length - 1, text.Length); length > longest; length--)
            {
                if (text.AsSpan(text.Length - length).SequenceEqual(stop.AsSpan(0, length)))
                {
                    longest = length;
                    break;
                }
            }
        }

        return longest;
    }
}
