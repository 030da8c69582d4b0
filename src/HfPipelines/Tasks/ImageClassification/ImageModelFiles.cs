namespace HfPipelines.Tasks;

/// <summary>Finds the files of an image model: the .onnx, preprocessor_config.json, config.json, a labels file.</summary>
internal sealed record ImageModelFiles(string OnnxPath, string? ProcessorConfigPath, string? ConfigPath, string? LabelsPath)
{
    /// <summary>Resolves a model folder or .onnx file.</summary>
    /// <param name="modelPathOrFolder">A folder (model.onnx, onnx/model.onnx or a single .onnx) or an .onnx file.</param>
    /// <returns>The files found.</returns>
    public static ImageModelFiles Resolve(string modelPathOrFolder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelPathOrFolder);
        string onnx;
        string folder;
        if (File.Exists(modelPathOrFolder))
        {
            onnx = Path.GetFullPath(modelPathOrFolder);
            folder = Path.GetDirectoryName(onnx)!;
            if (Path.GetFileName(folder) == "onnx" && Directory.GetParent(folder) is { } parent)
            {
                folder = File.Exists(Path.Combine(folder, "config.json")) ? folder : parent.FullName;
            }
        }
        else if (Directory.Exists(modelPathOrFolder))
        {
            folder = Path.GetFullPath(modelPathOrFolder);
            onnx = FindOnnx(folder);
        }
        else
        {
            throw new ModelLoadException($"Model '{modelPathOrFolder}' is neither a folder nor a file. Pass a model folder or an .onnx file.");
        }

        return new ImageModelFiles(onnx, Existing(folder, "preprocessor_config.json"), Existing(folder, "config.json"), FindLabels(folder));
    }

    private static string FindOnnx(string folder)
    {
        foreach (var candidate in new[] { "model.onnx", Path.Combine("onnx", "model.onnx") })
        {
            var path = Path.Combine(folder, candidate);
            if (File.Exists(path))
            {
                return path;
            }
        }

        var all = Directory.GetFiles(folder, "*.onnx");
        return all.Length == 1
            ? all[0]
            : throw new ModelLoadException(all.Length == 0
                ? $"No .onnx file in '{folder}'. Pass a folder with model.onnx or onnx/model.onnx, or the .onnx file."
                : $"'{folder}' holds {all.Length} .onnx files ({string.Join(", ", all.Select(Path.GetFileName))}). Pass the one to use.");
    }

    private static string? Existing(string folder, string name)
    {
        var path = Path.Combine(folder, name);
        return File.Exists(path) ? path : null;
    }

    private static string? FindLabels(string folder)
    {
        var json = Directory.GetFiles(folder, "*labels*.json").Order(StringComparer.Ordinal).ToArray();
        return json.Length > 0 ? json[0] : Directory.GetFiles(folder, "*labels*.txt").Order(StringComparer.Ordinal).FirstOrDefault();
    }
}
