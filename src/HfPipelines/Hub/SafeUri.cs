using System.Text.RegularExpressions;

namespace HfPipelines.Hub;

/// <summary>
/// Keeps credentials written into URLs (<c>http://user:pass@host</c>, e.g. in <c>HF_ENDPOINT</c>) out of messages:
/// every <see cref="HubException"/> message passes through <see cref="Redact"/>.
/// </summary>
internal static partial class SafeUri
{
    /// <summary>The text with the user-info part of every URL in it replaced by <c>***</c>.</summary>
    public static string Redact(string text) =>
        string.IsNullOrEmpty(text) || !text.Contains('@', StringComparison.Ordinal) ? text : UserInfo().Replace(text, "${scheme}***@");

    /// <summary>
    /// A message as every <see cref="HubException"/> holds it: URL user info redacted, control characters (which a
    /// hostile answer can smuggle in through a header, a name or a library's message) replaced by spaces: one line.
    /// </summary>
    public static string ForMessage(string message)
    {
        var redacted = Redact(message);
        return redacted.Any(char.IsControl) ? string.Concat(redacted.Select(c => char.IsControl(c) ? ' ' : c)) : redacted;
    }

    /// <summary>The URL without its user-info part, for messages.</summary>
    public static string Display(Uri uri) => Redact(uri.IsAbsoluteUri ? uri.AbsoluteUri : uri.OriginalString);

    /// <summary><c>scheme://host[:port]</c> of a URL, without user info.</summary>
    public static string Origin(Uri uri) => $"{uri.Scheme}://{uri.Authority}";

    [GeneratedRegex(@"(?<scheme>[A-Za-z][A-Za-z0-9+.\-]*://)[^/?#\s@]*@", RegexOptions.CultureInvariant)]
    private static partial Regex UserInfo();
}
