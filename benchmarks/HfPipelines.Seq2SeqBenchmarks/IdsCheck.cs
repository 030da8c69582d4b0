using HfPipelines.Seq2Seq;
using HfPipelines.Seq2Seq.Onnx;

/// <summary>Prints the generated ids of fixed inputs (greedy and 4 beams) on the attention export and on the given
/// folders, to compare two builds of the decoder loop.</summary>
internal static class IdsCheck
{
    public static void Run(IEnumerable<string> folders)
    {
        var attention = AttentionModel.Write("with-past");
        var noCache = AttentionModel.Write("no-cache");
        foreach (var folder in new[] { attention, noCache }.Concat(folders))
        {
            using var model = OnnxSeq2SeqModel.Load(folder);
            foreach (var beams in new[] { 1, 4 })
            {
                var config = Seq2SeqGenerationConfig.FromModelFolder(folder);
                config.NumBeams = beams;
                config.MaxNewTokens = 40;
                using var session = model.Start([[5, 6, 7, 8, 1], [9, 10, 11, 12, 1]], [[1, 1, 1, 1, 1], [1, 1, 1, 1, 1]], beams);
                var result = Seq2SeqGenerator.Generate(session, 2, config);
                Console.WriteLine($"{Path.GetFileName(folder)} beams {beams}: {string.Join(" | ", result.Select(r => string.Join(",", r)))}");
            }
        }

        Directory.Delete(attention, recursive: true);
        Directory.Delete(noCache, recursive: true);
    }
}
