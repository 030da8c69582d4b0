using System.CommandLine;
using System.Text.Json;
using HfPipelines.Hub;

namespace HfPipelines.Cli.Commands;

/// <summary>
/// <c>hfp models</c>: pull, list, info and rm on the local Hugging Face cache. <c>--cache-dir</c>,
/// <c>--endpoint</c> and <c>--offline</c> (on <c>models</c>, usable after any subcommand) override the environment.
/// </summary>
internal static class ModelsCommand
{
    public static Command Create(CliContext context)
    {
        var shared = new ModelsOptions(context);
        var command = new Command("models", "Manage models in the local Hugging Face cache: pull, list, info, rm.")
        {
            shared.CacheDir,
            shared.Endpoint,
            shared.Offline,
        };
        command.Subcommands.Add(ModelsPullCommand.Create(context, shared));
        command.Subcommands.Add(ModelsCacheCommands.CreateList(context, shared));
        command.Subcommands.Add(ModelsCacheCommands.CreateInfo(context, shared));
        command.Subcommands.Add(ModelsCacheCommands.CreateRm(context, shared));
        return command;
    }
}

/// <summary>The options every <c>models</c> subcommand shares, and the store they configure.</summary>
/// <param name="context">The CLI context: its Hub settings and stderr (for wait notices).</param>
internal sealed class ModelsOptions(CliContext context)
{
    public static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    public Option<string?> CacheDir { get; } = new("--cache-dir") { Description = "The model cache folder (default: HF_HUB_CACHE, else $HF_HOME/hub).", Recursive = true };

    public Option<string?> Endpoint { get; } = new("--endpoint") { Description = "The Hub URL (default: HF_ENDPOINT, else https://huggingface.co).", Recursive = true };

    public Option<bool> Offline { get; } = new("--offline") { Description = "Use the cache only (like HF_HUB_OFFLINE=1).", Recursive = true };

    public Option<bool> AsJson { get; } = new("--json") { Description = "Print JSON." };

    /// <summary>The store for these options; a step that waits more than a couple of seconds says so on stderr unless <paramref name="quiet"/>.</summary>
    public ModelStore CreateStore(ParseResult parse, bool quiet = false)
    {
        var options = context.HubOptionsFactory();
        if (!quiet)
        {
            options.WaitNotice = context.WriteNotice;
        }

        if (parse.GetValue(CacheDir) is { Length: > 0 } cacheDir)
        {
            options.CacheDirectory = Path.GetFullPath(cacheDir);
        }

        if (parse.GetValue(Endpoint) is { Length: > 0 } endpoint)
        {
            options.Endpoint = Uri.TryCreate(endpoint.TrimEnd('/'), UriKind.Absolute, out var uri)
                ? uri
                : throw new ArgumentException("--endpoint is not an absolute URL such as https://huggingface.co.");
        }

        options.Offline |= parse.GetValue(Offline);
        return new ModelStore(options);
    }

    public static object ToJson(ResolvedModel model) => new Dictionary<string, object?>
    {
        ["reference"] = model.Reference,
        ["path"] = model.Path,
        ["commit_hash"] = model.Commit,
        ["embedded"] = model.IsEmbedded,
        ["files"] = model.Files,
    };

    public static object ToJson(CachedModel model) => new Dictionary<string, object?>
    {
        ["embedded"] = model.IsEmbedded,
        ["repo_id"] = model.RepoId,
        ["repo_type"] = "model",
        ["repo_path"] = model.Path,
        ["size_on_disk"] = model.SizeOnDisk,
        ["nb_files"] = model.FileCount,
        ["last_modified"] = model.LastModified.ToUnixTimeSeconds(),
        ["refs"] = model.Refs,
        ["snapshots"] = model.Snapshots,
    };

    public static string Size(long bytes) => bytes switch
    {
        >= 1L << 30 => $"{bytes / (double)(1L << 30):0.0}G",
        >= 1L << 20 => $"{bytes / (double)(1L << 20):0.0}M",
        >= 1L << 10 => $"{bytes / 1024.0:0.0}K",
        _ => $"{bytes}",
    };
}
