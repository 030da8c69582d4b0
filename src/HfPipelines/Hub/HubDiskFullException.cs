namespace HfPipelines.Hub;

/// <summary>
/// The disk holding the cache ran out of space (or quota) while a model was being written into it; no file was
/// promoted to its final name. The partial download stays as <c>blobs/&lt;etag&gt;.incomplete</c> and resumes.
/// </summary>
public sealed class HubDiskFullException : HubException
{
    /// <summary>Creates an exception with no message.</summary>
    public HubDiskFullException()
    {
    }

    /// <summary>Creates an exception with a message that says what was wrong and how to fix it.</summary>
    /// <param name="message">The message.</param>
    public HubDiskFullException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception that wraps the error that caused it.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause (the <see cref="IOException"/> of the failed write).</param>
    public HubDiskFullException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The file inside the repository that was being written.</summary>
    public string? FilePath { get; init; }

    /// <summary>The cache folder whose disk is full.</summary>
    public string? CacheDirectory { get; init; }

    /// <summary>Whether a write failed because the disk or the user's quota is full (ENOSPC, EDQUOT, ERROR_DISK_FULL).</summary>
    /// <param name="exception">The failure of a write.</param>
    /// <returns>True for a full disk.</returns>
    internal static bool IsDiskFull(IOException exception) => exception.HResult switch
    {
        28 => !OperatingSystem.IsWindows(), // ENOSPC on Linux and macOS (.NET puts the errno in HResult)
        122 => OperatingSystem.IsLinux(), // EDQUOT
        69 => OperatingSystem.IsMacOS(), // EDQUOT
        unchecked((int)0x80070070) or unchecked((int)0x80070027) => true, // ERROR_DISK_FULL, ERROR_HANDLE_DISK_FULL
        _ => false,
    };
}
