using System.Runtime.InteropServices;

namespace HfPipelines.Images;

/// <summary>
/// JPEG decoding through the system's libjpeg-turbo TurboJPEG library (<c>libturbojpeg</c>, Debian package
/// <c>libturbojpeg0</c>), when it is installed: its SIMD IDCT, upsampling and colour conversion decode the fixture photos
/// about 1.9x faster than SkiaSharp's bundled libjpeg at full size (1.1-1.8x at reduced scale), to the same bytes (same
/// settings: accurate integer IDCT, fancy upsampling; see docs/performance.md). The library is
/// looked up once, on first use (no package ships it); when it is absent, or <c>HFP_DISABLE_TURBOJPEG=1</c> was set
/// before, <see cref="Shared"/> is null and JPEGs decode through SkiaSharp. Thread-safe: every decode creates and
/// destroys its own TurboJPEG handle.
/// </summary>
internal sealed class TurboJpeg
{
    /// <summary>The environment variable that, set to 1, keeps the library unloaded.</summary>
    public const string DisableVariable = "HFP_DISABLE_TURBOJPEG";

    private const int PixelFormatRgb = 0;      // TJPF_RGB
    private const int PixelFormatRgbx = 2;     // TJPF_RGBX: the 4th byte is written as 255
    private const int FlagStopOnWarning = 8192; // TJFLAG_STOPONWARNING: a warning (truncated, corrupt data) fails the decode
    private const int ColorspaceCmyk = 3;      // TJCS_CMYK
    private const int ColorspaceYcck = 4;      // TJCS_YCCK

    private static readonly string[] s_names =
        ["libturbojpeg.so.0", "libturbojpeg.so", "libturbojpeg.0.dylib", "libturbojpeg.dylib", "turbojpeg.dll", "turbojpeg"];

    private static readonly Lazy<TurboJpeg?> s_shared = new(() => Load(Environment.GetEnvironmentVariable(DisableVariable)));

    private readonly InitDecompressFn _init;
    private readonly DecompressHeader3Fn _header;
    private readonly Decompress2Fn _decompress;
    private readonly DestroyFn _destroy;
    private readonly GetErrorStr2Fn _errorText;
    private readonly GetErrorCodeFn _errorCode;

    private TurboJpeg(IntPtr library)
    {
        _init = Export<InitDecompressFn>(library, "tjInitDecompress");
        _header = Export<DecompressHeader3Fn>(library, "tjDecompressHeader3");
        _decompress = Export<Decompress2Fn>(library, "tjDecompress2");
        _destroy = Export<DestroyFn>(library, "tjDestroy");
        _errorText = Export<GetErrorStr2Fn>(library, "tjGetErrorStr2");
        _errorCode = Export<GetErrorCodeFn>(library, "tjGetErrorCode");
    }

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate IntPtr InitDecompressFn();

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int DecompressHeader3Fn(IntPtr handle, IntPtr jpeg, CULong size, out int width, out int height, out int subsampling, out int colorspace);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int Decompress2Fn(IntPtr handle, IntPtr jpeg, CULong size, IntPtr destination, int width, int pitch, int height, int pixelFormat, int flags);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int DestroyFn(IntPtr handle);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate IntPtr GetErrorStr2Fn(IntPtr handle);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int GetErrorCodeFn(IntPtr handle);

    /// <summary>The loaded library, or null when it is not installed or disabled by <c>HFP_DISABLE_TURBOJPEG=1</c>.</summary>
    public static TurboJpeg? Shared => s_shared.Value;

    /// <summary>Whether JPEGs are decoded through TurboJPEG (unless <see cref="ImageDecodeOptions.UseTurboJpeg"/> is false).</summary>
    public static bool IsAvailable => Shared is not null;

    /// <summary>Loads the library from the first candidate name that resolves and exports every function used.</summary>
    /// <param name="disable">The value of <c>HFP_DISABLE_TURBOJPEG</c>: "1" loads nothing.</param>
    /// <returns>The library, or null.</returns>
    internal static TurboJpeg? Load(string? disable)
    {
        if (disable == "1")
        {
            return null;
        }

        foreach (var name in s_names)
        {
            if (!NativeLibrary.TryLoad(name, out var library))
            {
                continue;
            }

            try
            {
                return new TurboJpeg(library); // kept loaded for the life of the process
            }
            catch (EntryPointNotFoundException)
            {
                NativeLibrary.Free(library); // too old (before 2.0): try the next name, else SkiaSharp
            }
        }

        return null;
    }

    /// <summary>
    /// Decodes a JPEG at <paramref name="width"/> x <paramref name="height"/>, which must be one of its k/8 scaled sizes
    /// (libjpeg rounds up: <c>ceil(side * k / 8)</c>), into packed RGB or RGBX (4th byte 255) pixels.
    /// </summary>
    /// <param name="jpeg">The encoded bytes (pinned or native memory).</param>
    /// <param name="length">Their length.</param>
    /// <param name="width">Output width.</param>
    /// <param name="height">Output height.</param>
    /// <param name="destination">At least <c>width * height * channels</c> bytes.</param>
    /// <param name="channels">3 (RGB) or 4 (RGBX).</param>
    /// <param name="error">Why the decode failed (TurboJPEG's message), or null on success.</param>
    /// <returns>True when every pixel was decoded without error or warning.</returns>
    public bool TryDecode(IntPtr jpeg, long length, int width, int height, byte[] destination, int channels, out string? error)
    {
        ArgumentNullException.ThrowIfNull(destination);
        if (channels is not (3 or 4) || destination.Length < (long)width * height * channels)
        {
            throw new ArgumentOutOfRangeException(nameof(channels), channels, "Channels must be 3 or 4 and the destination hold every pixel.");
        }

        var handle = _init();
        if (handle == IntPtr.Zero)
        {
            error = "tjInitDecompress failed";
            return false;
        }

        var pin = GCHandle.Alloc(destination, GCHandleType.Pinned);
        try
        {
            error = Decode(handle, jpeg, new CULong((nuint)length), width, height, pin.AddrOfPinnedObject(), channels);
            return error is null;
        }
        finally
        {
            pin.Free();
            _ = _destroy(handle);
        }
    }

    private string? Decode(IntPtr handle, IntPtr jpeg, CULong size, int width, int height, IntPtr destination, int channels)
    {
        if (_header(handle, jpeg, size, out var fullWidth, out var fullHeight, out _, out var colorspace) != 0)
        {
            return ErrorText(handle);
        }

        if (colorspace is ColorspaceCmyk or ColorspaceYcck)
        {
            return "a CMYK or YCCK JPEG: TurboJPEG cannot convert it to RGB";
        }

        if (!IsScaledSize(fullWidth, fullHeight, width, height))
        {
            return $"{width}x{height} is not a k/8 scale of {fullWidth}x{fullHeight}";
        }

        var format = channels == 4 ? PixelFormatRgbx : PixelFormatRgb;
        return _decompress(handle, jpeg, size, destination, width, width * channels, height, format, FlagStopOnWarning) == 0 ? null : ErrorText(handle);
    }

    /// <summary>Whether width x height is the k/8 scale (k = 1..8, sides rounded up) of the full size.</summary>
    private static bool IsScaledSize(int fullWidth, int fullHeight, int width, int height)
    {
        for (var k = 8; k >= 1; k--)
        {
            if (width == (int)(((long)fullWidth * k + 7) / 8) && height == (int)(((long)fullHeight * k + 7) / 8))
            {
                return true;
            }
        }

        return false;
    }

    private string ErrorText(IntPtr handle)
    {
        var kind = _errorCode(handle) == 0 ? "warning" : "error";
        return $"TurboJPEG {kind}: {Marshal.PtrToStringUTF8(_errorText(handle))}";
    }

    private static T Export<T>(IntPtr library, string name)
        where T : Delegate =>
        Marshal.GetDelegateForFunctionPointer<T>(NativeLibrary.GetExport(library, name));
}
