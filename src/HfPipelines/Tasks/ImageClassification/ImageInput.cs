namespace HfPipelines.Tasks;

/// <summary>An image: a file path or the encoded bytes (PNG, JPEG, WebP, BMP, GIF).</summary>
public sealed class ImageInput
{
    private ImageInput(string? path, ReadOnlyMemory<byte> bytes)
    {
        Path = path;
        Bytes = bytes;
    }

    /// <summary>The file path, when the image comes from a file.</summary>
    public string? Path { get; }

    /// <summary>The encoded bytes, when the image comes from memory.</summary>
    public ReadOnlyMemory<byte> Bytes { get; }

    /// <summary>An image read from a file.</summary>
    /// <param name="path">The path.</param>
    /// <returns>The input.</returns>
    public static ImageInput FromFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return new ImageInput(path, ReadOnlyMemory<byte>.Empty);
    }

    /// <summary>An image from encoded bytes.</summary>
    /// <param name="bytes">The bytes.</param>
    /// <returns>The input.</returns>
    public static ImageInput FromBytes(ReadOnlyMemory<byte> bytes) => new(null, bytes);

    /// <summary>The encoded bytes, read from the file when needed.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The bytes.</returns>
    public async Task<ReadOnlyMemory<byte>> ReadAllBytesAsync(CancellationToken cancellationToken = default) =>
        Path is null ? Bytes : await File.ReadAllBytesAsync(Path, cancellationToken).ConfigureAwait(false);
}
