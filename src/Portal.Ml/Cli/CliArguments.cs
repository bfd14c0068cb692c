using System.Globalization;

namespace Portal.Ml.Cli;

/// <summary>
/// "--name value", "--name=value" and bare "--flag" options of one command. Only the options the command declares
/// are accepted, so a typo is an error rather than a silently ignored setting.
/// </summary>
public sealed class CliArguments
{
    private readonly Dictionary<string, List<string>> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);

    private CliArguments()
    {
    }

    public static CliArguments Parse(IReadOnlyList<string> args, IReadOnlyCollection<string> valueOptions, IReadOnlyCollection<string> flagOptions)
    {
        var parsed = new CliArguments();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
                throw new UsageException($"Unexpected argument \"{arg}\": options start with --.");

            var (name, inline) = arg.IndexOf('=', StringComparison.Ordinal) is var eq and > 0 ? (arg[2..eq], arg[(eq + 1)..]) : (arg[2..], null);
            if (flagOptions.Contains(name))
            {
                if (inline is not null)
                    throw new UsageException($"--{name} is a switch and takes no value.");
                parsed._flags.Add(name);
            }
            else if (valueOptions.Contains(name))
            {
                var value = inline ?? (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal)
                    ? args[++i]
                    : throw new UsageException($"--{name} needs a value."));
                if (!parsed._values.TryGetValue(name, out var list))
                    parsed._values[name] = list = [];
                list.Add(value);
            }
            else
            {
                var known = string.Join(", ", valueOptions.Concat(flagOptions).Order(StringComparer.Ordinal).Select(option => "--" + option));
                throw new UsageException($"Unknown option --{name}. This command takes: {known}.");
            }
        }
        return parsed;
    }

    public bool Flag(string name) => _flags.Contains(name);

    public IReadOnlyList<string> All(string name) => _values.TryGetValue(name, out var list) ? list : [];

    public string? Optional(string name) => All(name) is [.., var last] ? last : null;

    public string Required(string name) => Optional(name) ?? throw new UsageException($"--{name} is required.");

    public int? Int(string name, int min = int.MinValue) => Optional(name) is not { } text ? null
        : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min ? value
        : throw new UsageException($"--{name} needs a whole number{(min > int.MinValue ? $" of at least {min}" : "")}; got \"{text}\".");

    public double? Double(string name, double min = double.MinValue) => Optional(name) is not { } text ? null
        : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= min && double.IsFinite(value) ? value
        : throw new UsageException($"--{name} needs a number{(min > double.MinValue ? $" of at least {min.ToString(CultureInfo.InvariantCulture)}" : "")}; got \"{text}\".");

    public T Choice<T>(string name, T fallback) where T : struct, Enum => Optional(name) is not { } text ? fallback
        : Enum.TryParse<T>(text, ignoreCase: true, out var value) && Enum.IsDefined(value) ? value
        : throw new UsageException($"--{name} must be one of {string.Join(", ", Enum.GetNames<T>().Select(n => n.ToLowerInvariant()))}; got \"{text}\".");
}
