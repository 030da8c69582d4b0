using System.IO.MemoryMappedFiles;
using System.Text.Json;

namespace HfPipelines.Safetensors;

/// <summary>
/// A <c>.safetensors</c> file (Hugging Face's weight format: an 8-byte little-endian header length, a JSON header, then
/// the tensors' bytes), memory-mapped: the weights are read from the map straight into the arrays asked for, never
/// loaded whole. The header is checked before any tensor is read: its size is bounded, every entry must have a known
/// dtype, a shape whose byte size equals its offsets' span, and offsets inside the data that cover it without gaps or
/// overlaps, as the format requires; anything else is a <see cref="ModelLoadException"/> naming the file and the entry.
/// Thread-safe for reads; dispose it to unmap the file.
/// </summary>
public sealed class SafetensorsFile : IDisposable
{
    /// <summary>The largest header read by default: 100 MB, the reference implementation's own limit.</summary>
    public const long DefaultMaxHeaderBytes = 100_000_000;

    private const int ChunkElements = 1 << 16;
    private readonly MemoryMappedFile _map;
    private readonly MemoryMappedViewAccessor _view;
    private readonly long _dataStart;

    private SafetensorsFile(string path, MemoryMappedFile map, MemoryMappedViewAccessor view, long dataStart, IReadOnlyDictionary<string, SafetensorsTensor> tensors, IReadOnlyDictionary<string, string> metadata)
    {
        Path = path;
        _map = map;
        _view = view;
        _dataStart = dataStart;
        Tensors = tensors;
        Metadata = metadata;
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>The tensors by name.</summary>
    public IReadOnlyDictionary<string, SafetensorsTensor> Tensors { get; }

    /// <summary>The header's <c>__metadata__</c> (text values only), empty when it has none.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>Opens and checks a file.</summary>
    /// <param name="path">The <c>.safetensors</c> file.</param>
    /// <param name="maxHeaderBytes">The largest header accepted; default <see cref="DefaultMaxHeaderBytes"/>.</param>
    /// <returns>The file; dispose it.</returns>
    /// <exception cref="ModelLoadException">The file is missing, or its header or layout is damaged.</exception>
    public static SafetensorsFile Open(string path, long maxHeaderBytes = DefaultMaxHeaderBytes)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxHeaderBytes, 2);
        if (!File.Exists(path))
        {
            throw new ModelLoadException($"The weights file '{path}' does not exist. Copy the complete model folder, or download it again (hfp models pull).");
        }

        var (dataStart, tensors, metadata) = ReadHeader(path, maxHeaderBytes);
        var map = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
        try
        {
            return new SafetensorsFile(path, map, map.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read), dataStart, tensors, metadata);
        }
        catch
        {
            map.Dispose();
            throw;
        }
    }

    /// <summary>Reads a floating-point tensor as float32 (F32 as is; F16, BF16 and F64 converted), row-major.</summary>
    /// <param name="name">The tensor's name.</param>
    /// <returns>Its values.</returns>
    /// <exception cref="ModelLoadException">No such tensor, or it is not floating point, or it is over 2^31 elements.</exception>
    public float[] ReadFloat32(string name)
    {
        var tensor = Find(name);
        if (tensor.ElementCount > Array.MaxLength)
        {
            throw new ModelLoadException($"'{Path}': tensor '{name}' has {tensor.ElementCount} elements, more than one array holds.");
        }

        var result = new float[tensor.ElementCount];
        var position = _dataStart + tensor.Offset;
        switch (tensor.DType)
        {
            case SafetensorsDType.F32:
                _view.ReadArray(position, result, 0, result.Length);
                break;
            case SafetensorsDType.F16:
                Convert<Half>(position, result, static h => (float)h);
                break;
            case SafetensorsDType.BF16:
                Convert<ushort>(position, result, static bits => BitConverter.Int32BitsToSingle(bits << 16));
                break;
            case SafetensorsDType.F64:
                Convert<double>(position, result, static d => (float)d);
                break;
            default:
                throw new ModelLoadException($"'{Path}': tensor '{name}' is {tensor.DType}, not floating point; it cannot be read as float32.");
        }

        return result;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _view.Dispose();
        _map.Dispose();
    }

    private SafetensorsTensor Find(string name) =>
        Tensors.TryGetValue(name, out var tensor)
            ? tensor
            : throw new ModelLoadException($"'{Path}' has no tensor '{name}'. It has {Tensors.Count} tensors, e.g. {string.Join(", ", Tensors.Keys.Order(StringComparer.Ordinal).Take(5))}.");

    private void Convert<T>(long position, float[] result, Func<T, float> convert)
        where T : struct
    {
        var size = System.Runtime.InteropServices.Marshal.SizeOf<T>();
        var buffer = new T[Math.Min(ChunkElements, result.Length)];
        for (var start = 0; start < result.Length; start += buffer.Length)
        {
            var count = Math.Min(buffer.Length, result.Length - start);
            _view.ReadArray(position + ((long)start * size), buffer, 0, count);
            for (var i = 0; i < count; i++)
            {
                result[start + i] = convert(buffer[i]);
            }
        }
    }

    private static (long DataStart, Dictionary<string, SafetensorsTensor> Tensors, Dictionary<string, string> Metadata) ReadHeader(string path, long maxHeaderBytes)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        Span<byte> prefix = stackalloc byte[8];
        if (stream.Length < 8 || stream.ReadAtLeast(prefix, 8, throwOnEndOfStream: false) < 8)
        {
            throw Damaged(path, "it is shorter than the 8-byte header length");
        }

        var headerLength = BitConverter.ToUInt64(prefix);
        if (headerLength < 2 || headerLength > (ulong)maxHeaderBytes || headerLength > (ulong)(stream.Length - 8))
        {
            throw Damaged(path, $"its header length {headerLength} is not between 2 and {Math.Min(maxHeaderBytes, stream.Length - 8)} bytes");
        }

        var header = new byte[headerLength];
        stream.ReadExactly(header);
        var dataLength = stream.Length - 8 - (long)headerLength;
        try
        {
            using var document = JsonDocument.Parse(header, new JsonDocumentOptions { MaxDepth = 8 });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw Damaged(path, "its header is not a JSON object");
            }

            var (tensors, metadata) = SafetensorsHeader.Read(document.RootElement, path, dataLength);
            return (8 + (long)headerLength, tensors, metadata);
        }
        catch (JsonException ex)
        {
            throw Damaged(path, $"its header is not valid JSON ({ex.Message.Split('.')[0]})");
        }
    }

    internal static ModelLoadException Damaged(string path, string why) =>
        new($"'{path}' is not a readable safetensors file: {why}. The download may be cut or the file damaged; download it again (hfp models pull).");
}
