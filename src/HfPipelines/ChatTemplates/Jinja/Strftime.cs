using System.Globalization;
using System.Text;

namespace HfPipelines.ChatTemplates.Jinja;

/// <summary>@huggingface/jinja's <c>strftime_now</c> formatting: <c>%Y %m %d %b %B %H %M %%</c>, other sequences kept as written.</summary>
internal static class Strftime
{
    private static readonly string[] s_long =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    public static string Format(DateTimeOffset date, string format)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < format.Length; i++)
        {
            if (format[i] != '%' || i + 1 >= format.Length)
            {
                sb.Append(format[i]);
                continue;
            }

            var replacement = format[i + 1] switch
            {
                'Y' => date.Year.ToString(CultureInfo.InvariantCulture),
                'm' => date.Month.ToString("00", CultureInfo.InvariantCulture),
                'd' => date.Day.ToString("00", CultureInfo.InvariantCulture),
                'b' => s_long[date.Month - 1][..3],
                'B' => s_long[date.Month - 1],
                'H' => date.Hour.ToString("00", CultureInfo.InvariantCulture),
                'M' => date.Minute.ToString("00", CultureInfo.InvariantCulture),
                '%' => "%",
                _ => null,
            };
            if (replacement is null)
            {
                sb.Append(format[i]);
                continue;
            }

            sb.Append(replacement);
            i++;
        }

        return sb.ToString();
    }
}
