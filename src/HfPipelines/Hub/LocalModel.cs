namespace HfPipelines.Hub;

/// <summary>A model given as a local folder or file: used as is.</summary>
internal static class LocalModel
{
    public static ResolvedModel Resolve(ModelReference reference)
    {
        var path = reference.LocalPath!;
        if (File.Exists(path))
        {
            return new ResolvedModel(reference.Original, path, null, false, [Path.GetFileName(path)]);
        }

        if (Directory.Exists(path))
        {
            var files = Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(path, f).Replace(Path.DirectorySeparatorChar, '/'))
                .Order(StringComparer.Ordinal)
                .ToList();
            return new ResolvedModel(reference.Original, path, null, false, files);
        }

        throw new ModelNotFoundException($"The local model path '{path}' does not exist. Give an existing folder or file, or a Hub id like org/name.")
        {
            Reference = reference.Original,
        };
    }
}
