namespace HfPipelines.Pipelines;

/// <summary>Reads a file argument of a tool call or workflow step: a local path or a <c>file://</c> URI.</summary>
internal static class LocalFileArgument
{
    /// <summary>The local path; other URI schemes are refused with the fix.</summary>
    public static string Path(string? pathOrUri, string argument)
    {
        if (string.IsNullOrWhiteSpace(pathOrUri))
        {
            throw new InvalidPipelineInputException($"'{argument}' is empty. Give a local file path or a file:// URI.");
        }

        var trimmed = pathOrUri.Trim();
        if (Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) && uri.Scheme.Length > 1)
        {
            return uri.IsFile
                ? uri.LocalPath
                : throw new InvalidPipelineInputException($"'{argument}' is a {uri.Scheme} URI ({trimmed}); only local files are read. Download it first and pass the local path.");
        }

        return trimmed;
    }
}
