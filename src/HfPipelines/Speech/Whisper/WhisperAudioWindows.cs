using System.Runtime.CompilerServices;
using HfPipelines.Tasks;

namespace HfPipelines.Speech.Whisper;

/// <summary>
/// Cuts streamed 16 kHz samples into the windows of transformers' <c>chunk_iter</c> (30 s when audio is longer and no
/// chunk length is given; <c>chunk_length_s</c> windows overlapping by <c>stride_length_s</c> otherwise) while keeping
/// only about one window in memory, so hours of audio need no more than a few megabytes.
/// </summary>
internal static class WhisperAudioWindows
{
    /// <summary>Whisper's longest window in seconds.</summary>
    public const double WindowSeconds = 30.0;

    private const int Rate = WhisperSpeechRecognitionPipeline.SampleRate;

    /// <summary>The window and stride lengths in samples for a chunk length; throws when they do not fit Whisper.</summary>
    public static (int Chunk, int Stride) Sizes(double chunkSeconds, double? strideLengthSeconds)
    {
        if (chunkSeconds > WindowSeconds)
        {
            throw new InvalidPipelineInputException($"chunk_length_s is {chunkSeconds}; Whisper windows hold at most {WindowSeconds} s.");
        }

        var strideSeconds = strideLengthSeconds ?? chunkSeconds / 6;
        var chunk = (int)(chunkSeconds * Rate);
        var stride = (int)(strideSeconds * Rate);
        return chunk > 2 * stride
            ? (chunk, stride)
            : throw new InvalidPipelineInputException($"stride_length_s ({strideSeconds}) must be less than half of chunk_length_s ({chunkSeconds}).");
    }

    /// <summary>Reads <paramref name="audio"/> and yields its windows in order.</summary>
    /// <exception cref="InvalidPipelineInputException">No samples, or chunk and stride lengths that do not fit.</exception>
    public static async IAsyncEnumerable<AudioWindow> ReadAsync(IAsyncEnumerable<float[]> audio, SpeechRecognitionOptions options, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var chunkSeconds = options.ChunkLengthSeconds;
        var sizes = chunkSeconds > 0 ? Sizes(chunkSeconds, options.StrideLengthSeconds) : default;
        var buffer = new SampleBuffer(audio.GetAsyncEnumerator(cancellationToken));
        await using (buffer.ConfigureAwait(false))
        {
            if (chunkSeconds <= 0)
            {
                // Audio up to 30 s is one window of its own length; longer audio gets 30-second windows.
                if (!await buffer.FillAsync((long)(WindowSeconds * Rate) + 1).ConfigureAwait(false))
                {
                    yield return new AudioWindow(0, buffer.Slice(0, buffer.End), 0, 0);
                    yield break;
                }

                sizes = Sizes(WindowSeconds, options.StrideLengthSeconds);
            }

            var (chunk, stride) = sizes;
            for (long start = 0; ; start += chunk - (2 * stride))
            {
                // One sample past the window tells whether another window follows.
                var isLast = !await buffer.FillAsync(start + chunk + 1).ConfigureAwait(false);
                yield return new AudioWindow(start, buffer.Slice(start, Math.Min(start + chunk, buffer.End)), start == 0 ? 0 : stride, isLast ? 0 : stride);
                if (isLast)
                {
                    yield break;
                }

                buffer.DropBefore(start + chunk - (2 * stride));
            }
        }
    }

    /// <summary>One window: where it starts (in samples), its samples, and the strides shared with its neighbours.</summary>
    internal readonly record struct AudioWindow(long Start, float[] Samples, int StrideLeft, int StrideRight);

    /// <summary>The samples from <see cref="Offset"/> to <see cref="End"/> of a stream read so far.</summary>
    private sealed class SampleBuffer(IAsyncEnumerator<float[]> source) : IAsyncDisposable
    {
        private float[] _data = new float[1 << 16];
        private int _count;
        private bool _ended;

        public long Offset { get; private set; }

        public long End => Offset + _count;

        /// <summary>Reads until <paramref name="end"/> samples are in; false when the stream ended first (or exactly there).</summary>
        public async ValueTask<bool> FillAsync(long end)
        {
            while (!_ended && End < end)
            {
                if (!await source.MoveNextAsync().ConfigureAwait(false))
                {
                    _ended = true;
                    break;
                }

                Append(source.Current);
            }

            if (End == 0)
            {
                throw new InvalidPipelineInputException("The audio holds no samples.");
            }

            return End >= end;
        }

        public float[] Slice(long from, long to) => _data.AsSpan((int)(from - Offset), (int)(to - from)).ToArray();

        public void DropBefore(long position)
        {
            var drop = (int)(position - Offset);
            Array.Copy(_data, drop, _data, 0, _count - drop);
            _count -= drop;
            Offset = position;
        }

        public ValueTask DisposeAsync() => source.DisposeAsync();

        private void Append(float[] samples)
        {
            if (_count + samples.Length > _data.Length)
            {
                Array.Resize(ref _data, Math.Max(_data.Length * 2, _count + samples.Length));
            }

            samples.CopyTo(_data, _count);
            _count += samples.Length;
        }
    }
}
