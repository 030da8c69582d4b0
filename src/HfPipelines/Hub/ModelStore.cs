namespace HfPipelines.Hub;

/// <summary>
/// Finds models on disk or fetches them from the Hugging Face Hub into the local cache, which has the
/// same layout as Python huggingface_hub's (each side reads what the other wrote). Order of lookup in
/// <see cref="ResolveAsync"/>: local path (also a bare name such as <c>sst2</c> or <c>org/name</c> that is an
/// existing folder or file, as Python's <c>from_pretrained</c> does), cache, the embedded default model, the Hub;
/// offline (or with the Hub unreachable, which is not retried) only the first three. Thread-safe; two stores (or
/// processes) may pull the same file at once. Owns its <see cref="HttpClient"/>; a handler passed in is borrowed,
/// not disposed.
/// </summary>
public sealed class ModelStore : IDisposable
{
    private readonly HubOptions _options;
    private readonly HttpClient _http;
    private readonly HubCache _cache;
    private readonly ModelDownloader _downloader;

    /// <summary>Creates a store.</summary>
    /// <param name="options">Endpoint, cache, token, retries, limits; copied and validated here.</param>
    /// <param name="handler">The HTTP handler to send through (borrowed; it should not follow redirects itself,
    /// so the token rule holds). Default: a new handler that does not follow redirects and gives up connecting
    /// after <see cref="HubOptions.ConnectTimeout"/>.</param>
    /// <param name="timeProvider">The clock for retry delays and wait notices. Default <see cref="TimeProvider.System"/>.</param>
    public ModelStore(HubOptions options, HttpMessageHandler? handler = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options.Clone();
        var time = timeProvider ?? TimeProvider.System;
        _http = handler is null
            ? new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, ConnectTimeout = _options.ConnectTimeout }, disposeHandler: true)
            : new HttpClient(handler, disposeHandler: false);
        _http.Timeout = _options.RequestTimeout;
        _cache = new HubCache(_options.CacheDirectory);
        var client = new HubClient(_http, _options);
        var retry = HubRetry.Create(_options, time);
        var notices = new WaitNotices(_options, time);
        var fetcher = new FileFetcher(client, _cache, retry, time, notices);
        _downloader = new ModelDownloader(client, _cache, retry, fetcher, notices, SafeUri.Origin(_options.Endpoint));
    }

    /// <summary>The options this store was made with (a copy).</summary>
    internal HubOptions Options => _options;

    /// <summary>The folder that keeps the ONNX graphs built from safetensors checkpoints (<see cref="HubOptions.BuiltModelDirectory"/>).</summary>
    public string BuiltModelDirectory => _options.BuiltModelDirectory;

    /// <summary>The cache folder this store reads and writes.</summary>
    public string CacheDirectory => _cache.Root;

    /// <summary>
    /// Returns a model on disk: a local folder or file as is; a cached snapshot without touching the network;
    /// the embedded all-MiniLM-L6-v2 when the cache lacks it; else downloads the files the options select.
    /// </summary>
    /// <param name="reference"><c>org/name</c>, <c>org/name@revision</c>, <c>org/name:path</c> or a local path.</param>
    /// <param name="options">File selection and revision.</param>
    /// <param name="progress">Receives download progress.</param>
    /// <param name="cancellationToken">Cancels the downloads.</param>
    /// <returns>The model.</returns>
    /// <exception cref="ModelNotFoundException">Not on disk, and not on the Hub or the Hub cannot be asked.</exception>
    public async Task<ResolvedModel> ResolveAsync(string reference, ModelResolveOptions? options = null, IProgress<DownloadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var parsed = Parse(reference);
        if (parsed.IsLocal)
        {
            return LocalModel.Resolve(parsed);
        }

        options ??= new ModelResolveOptions();
        var revision = RevisionOf(parsed, options);
        var cached = FromCache(parsed, revision, options);
        if (cached is not null && (_options.Offline || parsed.FilePath is not null || LooksComplete(cached, options)))
        {
            return cached;
        }

        if (cached is null && parsed.FilePath is null && revision == "main" && EmbeddedModel.Matches(parsed.RepoId!) && EmbeddedModel.Serves(options))
        {
            return await EmbeddedModel.MaterializeAsync(_options, reference, cancellationToken).ConfigureAwait(false);
        }

        if (!_options.Offline)
        {
            try
            {
                return await _downloader.DownloadAsync(parsed, revision, options, progress, cancellationToken).ConfigureAwait(false);
            }
            catch (HubRequestException ex) when (ex.IsTransient)
            {
                return cached ?? throw NotCached(parsed, revision, ex);
            }
        }

        return cached ?? throw NotCached(parsed, revision, null);
    }

    /// <summary>Like <see cref="ResolveAsync"/>, but always asks the Hub for the revision and fetches what is missing.</summary>
    /// <param name="reference">The reference.</param>
    /// <param name="options">File selection and revision.</param>
    /// <param name="progress">Receives download progress.</param>
    /// <param name="cancellationToken">Cancels the downloads.</param>
    /// <returns>The model.</returns>
    /// <exception cref="HubException">Offline mode is on, or the Hub refused or failed.</exception>
    public async Task<ResolvedModel> PullAsync(string reference, ModelResolveOptions? options = null, IProgress<DownloadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var parsed = Parse(reference);
        if (parsed.IsLocal)
        {
            return LocalModel.Resolve(parsed);
        }

        options ??= new ModelResolveOptions();
        var revision = RevisionOf(parsed, options);
        if (_options.Offline)
        {
            throw new HubException($"Cannot pull '{reference}': offline mode is on (HF_HUB_OFFLINE). Unset it to download.");
        }

        return await _downloader.DownloadAsync(parsed, revision, options, progress, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Asks the Hub for a repository's commit and file list (nothing is downloaded).</summary>
    /// <param name="reference">An <c>org/name[@revision]</c> reference.</param>
    /// <param name="options">Revision and file selection for <see cref="RemoteModelInfo.SelectedFiles"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The repository at that revision.</returns>
    /// <exception cref="HubException">Offline mode is on, or the Hub refused or failed.</exception>
    public async Task<RemoteModelInfo> GetRemoteInfoAsync(string reference, ModelResolveOptions? options = null, CancellationToken cancellationToken = default)
    {
        var repoId = RepoOf(reference);
        if (_options.Offline)
        {
            throw new HubException($"Cannot ask the Hub about '{reference}': offline mode is on (HF_HUB_OFFLINE).");
        }

        options ??= new ModelResolveOptions();
        var revision = RevisionOf(ModelReference.Parse(reference), options);
        var remote = await _downloader.GetRevisionAsync(repoId, revision, cancellationToken).ConfigureAwait(false);
        return new RemoteModelInfo(repoId, revision, remote.Commit, remote.Files, FileSelector.Select(remote.Files, options));
    }

    /// <summary>The repositories in the cache, sorted by id.</summary>
    /// <returns>The cached models.</returns>
    public IReadOnlyList<CachedModel> ListCached() => CacheCatalog.List(_cache);

    /// <summary>
    /// The models embedded in the installed packages (the default all-MiniLM-L6-v2) that this machine has, each with
    /// <see cref="CachedModel.IsEmbedded"/> set. Reads no network and writes nothing.
    /// </summary>
    /// <returns>The embedded models (empty when the package is not found).</returns>
    public IReadOnlyList<CachedModel> ListEmbedded() => EmbeddedModel.Describe(_options) is { } model ? [model] : [];

    /// <summary>The cache entry of a Hub reference, or null when it is not cached.</summary>
    /// <param name="reference">An <c>org/name</c> reference.</param>
    /// <returns>The cached model or null.</returns>
    public CachedModel? FindCached(string reference) => CacheCatalog.Find(_cache, RepoOf(reference));

    /// <summary>
    /// Removes a model from the cache: the whole repository, or with <c>@revision</c> that snapshot and the blobs
    /// only it used, with the ONNX graphs built from them (<see cref="HubOptions.BuiltModelDirectory"/>). Also removes
    /// our materialized copy of an embedded model.
    /// </summary>
    /// <param name="reference">An <c>org/name[@revision]</c> reference.</param>
    /// <param name="cancellationToken">Cancels before anything is removed.</param>
    /// <returns>True when something was removed.</returns>
    public Task<bool> RemoveAsync(string reference, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var parsed = ModelReference.Parse(reference);
        var repoId = RepoOf(reference);
        var snapshot = parsed.Revision is { } revision && _cache.ResolveCommit(repoId, revision) is { } commit ? _cache.SnapshotFolder(repoId, commit) : null;
        var removed = CacheCatalog.Remove(_cache, repoId, parsed.Revision);
        removed |= parsed.Revision is null && EmbeddedModel.Remove(_options, repoId);
        if (parsed.Revision is null || snapshot is not null)
        {
            removed |= Safetensors.BuiltEncoderModels.Remove(_options.BuiltModelDirectory, repoId, snapshot);
        }

        return Task.FromResult(removed);
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    private static string RepoOf(string reference)
    {
        var parsed = ModelReference.Parse(reference);
        return parsed.RepoId ?? throw new InvalidModelReferenceException($"'{reference}' is a local path; only Hub models (org/name) are in the cache.");
    }

    private ResolvedModel? FromCache(ModelReference reference, string revision, ModelResolveOptions options)
    {
        var repoId = reference.RepoId!;
        if (_cache.ResolveCommit(repoId, revision) is not { } commit)
        {
            return null;
        }

        var folder = _cache.SnapshotFolder(repoId, commit);
        if (reference.FilePath is { } file)
        {
            return _cache.SnapshotFile(repoId, commit, file) is { } path
                ? new ResolvedModel(reference.Original, path, commit, false, [file])
                : null;
        }

        try
        {
            var files = FileSelector.Select(_cache.SnapshotFiles(repoId, commit), options);
            return files.Count == 0 ? null : new ResolvedModel(reference.Original, folder, commit, false, files);
        }
        catch (ModelNotFoundException)
        {
            return null; // the cache lacks the asked variant: fetch it.
        }
    }

    private static bool LooksComplete(ResolvedModel cached, ModelResolveOptions options) =>
        options.AllowPatterns is { Count: > 0 }
        || cached.Files.Any(f => f.EndsWith(".onnx", StringComparison.Ordinal) || f.EndsWith(".gguf", StringComparison.OrdinalIgnoreCase))
        || Safetensors.BuiltEncoderModels.IsCheckpoint(cached.Path);

    private ModelNotFoundException NotCached(ModelReference reference, string revision, Exception? cause)
    {
        var why = cause is null ? "offline mode is on (HF_HUB_OFFLINE)" : $"the Hub could not be asked: {cause.Message.TrimEnd('.')}";
        var message = $"The model '{reference.Original}' (revision '{revision}') is not in the cache '{_cache.RepoFolder(reference.RepoId!)}', and {why}. "
            + $"Fetch it with: hfp models pull {reference.RepoId}{(revision == "main" ? string.Empty : "@" + revision)}";
        return cause is null
            ? new ModelNotFoundException(message) { Reference = reference.Original, CachePath = _cache.Root }
            : new ModelNotFoundException(message, cause) { Reference = reference.Original, CachePath = _cache.Root };
    }

    /// <summary>Parses a reference; a bare name that is an existing folder or file is local (as from_pretrained).</summary>
    private static ModelReference Parse(string reference)
    {
        var parsed = ModelReference.Parse(reference);
        return !parsed.IsLocal && parsed.Revision is null && parsed.FilePath is null && (Directory.Exists(reference) || File.Exists(reference))
            ? ModelReference.ExistingLocal(reference)
            : parsed;
    }

    /// <summary>The revision to use (the option over <c>@revision</c>), checked like one given in a reference.</summary>
    private static string RevisionOf(ModelReference parsed, ModelResolveOptions options)
    {
        if (ModelReference.CheckRevision(options.Revision) is { } problem)
        {
            throw new InvalidModelReferenceException($"The revision option (--revision, ModelResolveOptions.Revision) is invalid: {problem} Use a branch, tag or commit, such as main or a 40-hex commit id.");
        }

        return options.Revision ?? parsed.Revision ?? "main";
    }
}
