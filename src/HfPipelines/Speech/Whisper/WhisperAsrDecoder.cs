using HfPipelines.Tasks;
using HfPipelines.Tokenization;

namespace HfPipelines.Speech.Whisper;

/// <summary>
/// Turns the tokens of a transcript's windows into text and chunks, as transformers' <c>_decode_asr</c> (the
/// state machine of <c>WhisperTokenizer</c> that the pipeline calls): text tokens accumulate, a closing timestamp
/// ends a segment, timestamps are offset by where the window starts, and the token runs of overlapping windows are
/// merged with <see cref="WhisperSequenceMerge"/> so words at the seams are neither doubled nor lost. Timestamps that
/// fall in a window's strides are not split on: the segment stays open until a timestamp outside both strides
/// (or the end). For word timestamps each token carries its start and end (the next token's start), and each
/// segment's merged tokens are grouped into words with <see cref="WhisperWords"/>; as in transformers.js 4.3 (not
/// Python), a punctuation-only token lasts at most one time step (a pause after a full stop is not the full stop's)
/// and no word ends after the end of its segment.
/// </summary>
/// <remarks>
/// A window decoded in several passes (<see cref="WhisperSeek"/>) has timestamps that go back to 0 at each pass; they
/// are offset as transformers does (<see cref="Passes"/>). A language change between windows does not split the text either:
/// the pipeline keeps the first window's language for all of them.
/// </remarks>
internal sealed class WhisperAsrDecoder
{
    private readonly WhisperTokens _special;
    private readonly ITextTokenizer _tokenizer;
    private readonly WhisperTimestampMode _mode;
    private readonly List<Segment> _segments = [];
    private Segment _segment = new();
    private List<List<int>> _previous = [];
    private List<List<TokenSpan>> _previousTimes = [];
    private List<int> _current = [];
    private List<TokenSpan> _currentTimes = [];
    private double _timeOffset;
    private bool _skip;
    private string? _language;
    private Passes _passes;

    private WhisperAsrDecoder(WhisperTokens special, ITextTokenizer tokenizer, WhisperTimestampMode mode)
    {
        _special = special;
        _tokenizer = tokenizer;
        _mode = mode;
    }

    private bool Words => _mode == WhisperTimestampMode.Words;

    /// <summary>Decodes the windows of one audio input, in order.</summary>
    /// <returns>The text, and the segments or words with their timestamps (null when no timestamps were asked for).</returns>
    public static (string Text, List<SpeechChunk>? Chunks) Decode(IReadOnlyList<WhisperWindowOutput> windows, WhisperTokens special, ITextTokenizer tokenizer, WhisperTimestampMode mode)
    {
        ArgumentNullException.ThrowIfNull(windows);
        var decoder = new WhisperAsrDecoder(special, tokenizer, mode);
        foreach (var window in windows)
        {
            decoder.Add(window);
        }

        return decoder.Finish();
    }

    private void Add(WhisperWindowOutput window)
    {
        if (Words && window.TokenTimes?.Count != window.Tokens.Count)
        {
            throw new ArgumentException("Word timestamps need one time per token.", nameof(window));
        }

        _language = window.Language ?? _language;
        _timeOffset -= window.StrideLeftSeconds;
        var begin = _special.TimestampBegin;
        var firstTimestamp = window.StrideLeftSeconds > 0 ? (window.StrideLeftSeconds / WhisperAlignment.TimePrecision) + begin : begin;
        var lastTimestamp = window.StrideRightSeconds > 0 ? LastTimestampInStride(window.Tokens, window.ChunkSeconds - window.StrideRightSeconds) : null;
        _current = [];
        _currentTimes = [];
        _passes = default;
        for (var i = 0; i < window.Tokens.Count; i++)
        {
            var token = window.Tokens[i];
            if (token >= begin)
            {
                _passes.Advance(window.Tokens, i, begin);
                Timestamp(token, lastTimestamp, firstTimestamp);
            }
            else if (token < _special.EndOfText)
            {
                Text(window, i);
            }

            // Other special tokens (end of text, language, task) carry no text.
        }

        _timeOffset += window.ChunkSeconds - window.StrideRightSeconds;
        if (_current.Count > 0)
        {
            _previous.Add(_current);
            _previousTimes.Add(_currentTimes);
        }
        else if (_previous.All(p => p.Count == 0))
        {
            _segment = new Segment();
            _previous = [];
            _previousTimes = [];
        }
    }

    // The last timestamp always falls in the right stride; earlier ones too while they are past its start.
    private int? LastTimestampInStride(IReadOnlyList<int> tokens, double rightStrideStart)
    {
        int? last = null;
        for (var i = tokens.Count - 1; i >= 0; i--)
        {
            var token = tokens[i];
            if (token >= _special.TimestampBegin)
            {
                if (last is not null && (token - _special.TimestampBegin) * WhisperAlignment.TimePrecision < rightStrideStart)
                {
                    break;
                }

                last = token;
            }
        }

        return last;
    }

    private void Timestamp(int token, int? lastTimestamp, double firstTimestamp)
    {
        var time = Math.Round(((token - _special.TimestampBegin) * WhisperAlignment.TimePrecision) + _timeOffset + _passes.Offset, 2);
        if (lastTimestamp is { } last && token >= last)
        {
            // In the right stride: skip it and the one after (timestamps come in pairs); the next window decides.
            _skip = true;
        }
        else if (_skip || (_previous.Count > 0 && token < firstTimestamp))
        {
            _skip = false;
        }
        else if (_segment.Start is null)
        {
            _segment.Start = time;
        }
        else if (time != _segment.Start)
        {
            // A closing timestamp equal to the opening one is a glitch of the model: it is taken as an opening one.
            _segment.End = time;
            _previous.Add(_current);
            _previousTimes.Add(_currentTimes);
            CloseSegment();
            _previous = [];
            _previousTimes = [];
            _current = [];
            _currentTimes = [];
            _segment = new Segment();
        }
    }

    private void Text(WhisperWindowOutput window, int index)
    {
        _current.Add(window.Tokens[index]);
        if (Words)
        {
            var times = window.TokenTimes!;
            var start = Math.Round(times[index] + _timeOffset, 2);
            double? end = index + 1 < times.Count ? Math.Round(times[index + 1] + _timeOffset, 2) : null;
            if (end is { } e && WhisperWords.IsPunctuation(_tokenizer.Decode([window.Tokens[index]], skipSpecialTokens: false)))
            {
                end = Math.Round(Math.Min(start + WhisperAlignment.TimePrecision, e), 2);
            }

            _currentTimes.Add(new TokenSpan(start, end));
        }
    }

    private void CloseSegment()
    {
        var (tokens, times) = WhisperSequenceMerge.Merge(_previous, Words ? _previousTimes : null);
        _segment.Text = _tokenizer.Decode(tokens, skipSpecialTokens: false);
        if (Words)
        {
            _segment.Words = [.. WhisperWords.Combine(tokens, _tokenizer, _language).Select(w => Word(w.Text, times[w.Indices[0]].Start, times[w.Indices[^1]].End))];
        }

        _segments.Add(_segment);
    }

    private SpeechChunk Word(string text, double start, double? end)
    {
        if (end > _segment.End && _segment.End >= start)
        {
            end = _segment.End;
        }

        return new SpeechChunk(text, [start, end]);
    }

    private (string Text, List<SpeechChunk>? Chunks) Finish()
    {
        if (_previous.Count > 0)
        {
            // Text after the last closing timestamp (or all of it, without timestamps).
            CloseSegment();
        }

        var text = string.Concat(_segments.Select(s => s.Text));
        List<SpeechChunk>? chunks = _mode switch
        {
            WhisperTimestampMode.None => null,
            WhisperTimestampMode.Segments => [.. _segments.Select(s => new SpeechChunk(s.Text, [s.Start, s.End]))],
            _ => [.. _segments.SelectMany(s => s.Words)],
        };
        return (text, chunks);
    }

    /// <summary>
    /// transformers' handling of a window decoded in several passes (<see cref="WhisperSeek"/>): a timestamp below the
    /// latest one starts a new pass, which began where the previous pass's last whole segment ended (the first of its
    /// closing pair), or 30 s later after a single-timestamp ending; later timestamps are offset by that.
    /// </summary>
    private struct Passes
    {
        private double _latest;
        private double _penultimate;

        public double Offset { get; private set; }

        public void Advance(IReadOnlyList<int> tokens, int index, int begin)
        {
            var timestamp = (tokens[index] - begin) * WhisperAlignment.TimePrecision;
            if (timestamp < _latest)
            {
                var singleEnding = index >= 2 && !(tokens[index - 1] >= begin && tokens[index - 2] >= begin);
                if (singleEnding)
                {
                    Offset += WhisperAlignment.TimePrecision * WhisperSeek.WindowFrames / WhisperSeek.FramesPerTimestamp;
                }
                else
                {
                    _latest = _penultimate;
                    Offset += _penultimate;
                }
            }

            _penultimate = _latest;
            _latest = timestamp;
        }
    }

    private sealed class Segment
    {
        public double? Start { get; set; }

        public double? End { get; set; }

        public string Text { get; set; } = string.Empty;

        public List<SpeechChunk> Words { get; set; } = [];
    }
}
