using System.Buffers;
using System.Globalization;
using System.Text;

namespace HfPipelines.Tokenization.Normalizers;

/// <summary>
/// SentencePiece's precompiled charsmap (<c>Precompiled</c>): a Darts double-array trie over UTF-8 keys whose values
/// point into a blob of NUL-terminated replacements. Applied per grapheme (when shorter than 6 UTF-8 bytes), else per
/// code point, with the first prefix match, as the Rust <c>spm_precompiled</c> crate does.
/// </summary>
internal sealed class PrecompiledNormalizer : INormalizer
{
    private readonly uint[] _trie;
    private readonly byte[] _normalized;

    // What each ASCII char becomes on its own (null: unchanged), and whether any changes at all.
    private readonly string?[] _ascii = new string?[128];
    private readonly SearchValues<char> _asciiChanged;

    private PrecompiledNormalizer(uint[] trie, byte[] normalized)
    {
        _trie = trie;
        _normalized = normalized;
        for (var c = 0; c < _ascii.Length; c++)
        {
            _ascii[c] = Transform(((char)c).ToString());
        }

        _asciiChanged = SearchValues.Create([.. Enumerable.Range(0, _ascii.Length).Where(c => _ascii[c] is not null).Select(c => (char)c)]);
    }

    /// <summary>Parses a base64 charsmap; null when it is empty or malformed.</summary>
    public static PrecompiledNormalizer? TryCreate(string? base64)
    {
        if (string.IsNullOrEmpty(base64))
        {
            return null;
        }

        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(base64);
        }
        catch (FormatException)
        {
            return null;
        }

        return TryCreate(bytes);
    }

    /// <summary>Parses a charsmap; null when it is empty or malformed.</summary>
    public static PrecompiledNormalizer? TryCreate(byte[] bytes)
    {
        if (bytes.Length < 4)
        {
            return null;
        }

        var trieSize = (int)BitConverter.ToUInt32(bytes, 0);
        if (trieSize % 4 != 0 || trieSize < 4 || 4 + trieSize > bytes.Length)
        {
            return null;
        }

        var trie = new uint[trieSize / 4];
        Buffer.BlockCopy(bytes, 4, trie, 0, trieSize);
        return new PrecompiledNormalizer(trie, bytes[(4 + trieSize)..]);
    }

    public NormalizedText Normalize(NormalizedText input)
    {
        var text = input.Text;
        if (!text.AsSpan().ContainsAnyExceptInRange('\0', '\u007F') && !text.AsSpan().ContainsAny(_asciiChanged) && !text.Contains("\r\n", StringComparison.Ordinal))
        {
            // ASCII chars that the charsmap leaves alone, each its own grapheme: nothing changes.
            return input;
        }

        var builder = input.CreateBuilder();
        for (var i = 0; i < text.Length;)
        {
            var c = text[i];
            if (c < 128 && (i + 1 == text.Length || (text[i + 1] < 128 && !(c == '\r' && text[i + 1] == '\n'))))
            {
                // An ASCII char followed by an ASCII char (not CR LF) is a grapheme of its own.
                if (_ascii[c] is { } mapped)
                {
                    builder.Append(mapped, i, i + 1);
                }
                else
                {
                    builder.AppendSource(i, i + 1);
                }

                i++;
                continue;
            }

            var length = Math.Max(1, StringInfo.GetNextTextElementLength(text, i));
            var grapheme = text.Substring(i, length);
            if (Encoding.UTF8.GetByteCount(grapheme) < 6 && Transform(grapheme) is { } whole)
            {
                builder.Append(whole, i, i + length);
                i += length;
                continue;
            }

            for (var j = i; j < i + length;)
            {
                var cpLength = UnicodeText.CodePointLength(text, j);
                var part = text.Substring(j, cpLength);
                builder.Append(Transform(part) ?? part, j, j + cpLength);
                j += cpLength;
            }

            i += length;
        }

        return builder.Build();
    }

    private string? Transform(string chunk)
    {
        var key = Encoding.UTF8.GetBytes(chunk);
        var value = FirstPrefixValue(key);
        if (value < 0 || value >= _normalized.Length)
        {
            return null;
        }

        var end = Array.IndexOf(_normalized, (byte)0, value);
        return Encoding.UTF8.GetString(_normalized, value, (end < 0 ? _normalized.Length : end) - value);
    }

    /// <summary>Darts-clone common prefix search, first result.</summary>
    private int FirstPrefixValue(byte[] key)
    {
        var nodePos = 0u;
        var unit = _trie[0];
        nodePos ^= Offset(unit);
        foreach (var c in key)
        {
            if (c == 0)
            {
                break;
            }

            nodePos ^= c;
            if (nodePos >= _trie.Length)
            {
                return -1;
            }

            unit = _trie[nodePos];
            if ((unit & ((1u << 31) | 0xFF)) != c)
            {
                return -1;
            }

            nodePos ^= Offset(unit);
            if (((unit >> 8) & 1) == 1)
            {
                return nodePos < _trie.Length ? (int)(_trie[nodePos] & ((1u << 31) - 1)) : -1;
            }
        }

        return -1;
    }

    private static uint Offset(uint unit) => (unit >> 10) << (int)((unit & (1u << 9)) >> 6);
}
