using System.Text;

namespace HfPipelines.Generation;

/// <summary>
/// Decides how much of a streamed answer can be shown while tools are offered: text is released as it comes until it
/// could be (the start of) a tool call in one of the formats <see cref="ToolCallParser"/> reads, and held from there
/// on. An answer that starts (after whitespace) with <c>{</c>, <c>[</c> or <c>&lt;|python_tag|&gt;</c> may be a bare
/// JSON call and is held whole; otherwise text is released up to a Hermes <c>&lt;tool_call&gt;</c> or Mistral
/// <c>[TOOL_CALLS]</c> marker, or up to a partial marker at the end. Not thread-safe.
/// </summary>
internal sealed class ToolCallStreamGate
{
    private static readonly string[] Markers = ["<tool_call>", "[TOOL_CALLS]"];
    private const string PythonTag = "<|python_tag|>";

    private readonly StringBuilder _all = new();
    private readonly StringBuilder _pending = new();
    private int _released;
    private bool _holding;

    /// <summary>Adds a piece of the answer and returns the text that can be shown now (possibly empty).</summary>
    /// <param name="piece">The next piece.</param>
    /// <returns>Text to show.</returns>
    public string Push(string piece)
    {
        _all.Append(piece);
        if (_holding)
        {
            return string.Empty;
        }

        // Only the text not yet released is looked at: while text streams, that is a piece or a partial marker.
        _pending.Append(piece);
        var text = _pending.ToString();
        if (_released == 0)
        {
            var start = 0;
            while (start < text.Length && char.IsWhiteSpace(text[start]))
            {
                start++;
            }

            if (start == text.Length)
            {
                return string.Empty;
            }

            var first = text[start];
            var rest = text.AsSpan(start);
            if (first is '{' or '[' && !IsMarkerPrefix(rest, "[TOOL_CALLS]"))
            {
                _holding = true;
                return string.Empty;
            }

            if (IsMarkerPrefix(rest, PythonTag))
            {
                // "<|python_tag|>" itself, or its beginning still arriving: wait (or hold for good once it is whole).
                _holding = rest.Length >= PythonTag.Length;
                return string.Empty;
            }
        }

        var end = SafeEnd(text);
        if (end == 0)
        {
            return string.Empty;
        }

        _pending.Remove(0, end);
        _released += end;
        return text[..end];
    }

    /// <summary>Whether <paramref name="text"/> starts with <paramref name="marker"/> or is a beginning of it.</summary>
    private static bool IsMarkerPrefix(ReadOnlySpan<char> text, string marker) =>
        text.Length >= marker.Length ? text.StartsWith(marker, StringComparison.Ordinal) : marker.AsSpan().StartsWith(text, StringComparison.Ordinal);

    /// <summary>The end of the (not yet released) text that cannot belong to a call: the first whole marker, or a marker
    /// beginning at the end.</summary>
    private int SafeEnd(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is not ('<' or '['))
            {
                continue;
            }

            foreach (var marker in Markers)
            {
                var rest = text.AsSpan(i);
                if (rest.Length >= marker.Length && rest.StartsWith(marker, StringComparison.Ordinal))
                {
                    _holding = true;
                    return i;
                }

                if (rest.Length < marker.Length && marker.AsSpan().StartsWith(rest, StringComparison.Ordinal))
                {
                    return i;
                }
            }
        }

        return text.Length;
    }

    /// <summary>
    /// The contents still to send once the answer is complete: the whole answer is parsed as before, and the text
    /// already released is taken off the front of its text part.
    /// </summary>
    /// <param name="rest">The last text (flushed from the stop filter).</param>
    /// <returns>The remaining contents.</returns>
    public List<Microsoft.Extensions.AI.AIContent> Complete(string rest)
    {
        _all.Append(rest);
        var output = _all.ToString();
        var contents = ChatRequestPlanner.Contents(output, parseCalls: true);
        if (_released == 0)
        {
            return contents;
        }

        var released = output[.._released];
        for (var i = 0; i < contents.Count; i++)
        {
            if (contents[i] is not Microsoft.Extensions.AI.TextContent text)
            {
                continue;
            }

            // Without calls the text is the whole output; with calls it is the trimmed text around them, which starts
            // with the released text (less its leading whitespace).
            var prefix = contents.Count == 1 && text.Text == output ? released : released.TrimStart();
            var remainder = text.Text.Length > prefix.Length && text.Text.StartsWith(prefix, StringComparison.Ordinal)
                ? text.Text[prefix.Length..]
                : string.Empty;
            if (remainder.Length == 0)
            {
                contents.RemoveAt(i);
            }
            else
            {
                contents[i] = new Microsoft.Extensions.AI.TextContent(remainder);
            }

            break;
        }

        return contents;
    }
}
