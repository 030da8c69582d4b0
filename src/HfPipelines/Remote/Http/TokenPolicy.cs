namespace HfPipelines.Remote.Http;

/// <summary>Decides whether the token may go to a URL: only Hugging Face hosts over https, the configured
/// router, or the base URL the user gave the token for.</summary>
internal static class TokenPolicy
{
    private static readonly string[] HuggingFaceSuffixes = [".huggingface.co", ".huggingface.cloud", ".hf.space"];

    public static bool MaySend(RemoteInferenceOptions options, Uri target)
    {
        if (options.Token is null)
        {
            return false;
        }

        var configured = options.Kind == RemoteEndpointKind.Router || options.SendTokenToBaseUrl;
        if (configured && string.Equals(target.Scheme, options.BaseUrl.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(target.Authority, options.BaseUrl.Authority, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return target.Scheme == Uri.UriSchemeHttps && IsHuggingFaceHost(target.Host);
    }

    public static bool IsHuggingFaceHost(string host) =>
        string.Equals(host, "huggingface.co", StringComparison.OrdinalIgnoreCase)
        || HuggingFaceSuffixes.Any(s => host.EndsWith(s, StringComparison.OrdinalIgnoreCase));
}
