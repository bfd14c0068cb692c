using System.Reflection;
using Portal.Core.Training;
using Portal.Ml.Training;
using Portal.Worker.Execution;
using Portal.Worker.Tests.Support;

namespace Portal.Worker.Tests.Execution;

public class TrainingSettingsMappingTests
{
    /// <summary>Settings that are not training options: where the weights start, and how the snapshot was chosen.</summary>
    private static readonly string[] MappedElsewhere =
    [
        nameof(TrainingSettings.StartMode),
        nameof(TrainingSettings.ModelSize),
        nameof(TrainingSettings.BaseModel),
        nameof(TrainingSettings.ReplayRatio),
    ];

    private static IEnumerable<PropertyInfo> SettingsProperties =>
        typeof(TrainingSettings).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite);

    public static TheoryData<string> MappedSettings => [.. SettingsProperties.Select(p => p.Name).Except(MappedElsewhere)];

    [Fact]
    public void EverySettingIsATrainingOptionOfTheSameTypeUnlessItMapsElsewhere()
    {
        var unmapped = SettingsProperties
            .Where(p => !MappedElsewhere.Contains(p.Name))
            .Where(p => typeof(TrainingOptions).GetProperty(p.Name)?.PropertyType != p.PropertyType)
            .Select(p => p.Name);

        Assert.Empty(unmapped);
        Assert.All(MappedElsewhere, name => Assert.NotNull(typeof(TrainingSettings).GetProperty(name)));
    }

    [Theory]
    [MemberData(nameof(MappedSettings))]
    public void EachSettingReachesItsOption(string name)
    {
        var property = typeof(TrainingSettings).GetProperty(name)!;
        var settings = new TrainingSettings();
        var value = SomethingElseThan(property.GetValue(settings), property.PropertyType);
        property.SetValue(settings, value);

        var options = TrainingSettingsMapping.ToOptions(settings, []);

        Assert.Equal(value, typeof(TrainingOptions).GetProperty(name)!.GetValue(options));
    }

    [Fact]
    public void ProbePromptsAreTheGoldenOnesOrElseTheFirstVersesDistinctPrompts()
    {
        Assert.Equal(["a", "b"], TrainingSettingsMapping.ToOptions(new TrainingSettings(), ["a", "b"]).ProbePrompts);
        Assert.Equal(["golden"], TrainingSettingsMapping.ProbePrompts(TinyJobs.Job(probePrompts: ["golden"])));

        var verses = new[] { "one", "two", "one", "three", "four" }.Select((p, i) => new SnapshotVerse(i, $"h{i}", p, "la la")).ToList();
        Assert.Equal(["one", "two", "three"], TrainingSettingsMapping.ProbePrompts(TinyJobs.Job() with { Verses = verses }));
    }

    [Fact]
    public void StartModesMapByName()
    {
        foreach (var mode in Enum.GetValues<JobStartMode>())
            Assert.Equal(mode.ToString(), TrainingSettingsMapping.ToStartMode(mode).ToString());
    }

    [Fact]
    public void VersesKeepTheirIdsSoTheValidationSplitIsStableAcrossJobs()
    {
        var verse = Assert.Single(TrainingSettingsMapping.ToTrainingVerses([new SnapshotVerse(42, "h", "p", "l")]));

        Assert.Equal(new TrainingVerse("42", "p", "l"), verse);
    }

    private static object SomethingElseThan(object? current, Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        return underlying switch
        {
            _ when underlying == typeof(int) => (current as int? ?? 0) + 7,
            _ when underlying == typeof(double) => (current as double? ?? 0) + 0.0625,
            _ when underlying == typeof(bool) => !(current as bool? ?? false),
            _ => throw new InvalidOperationException($"No test value for {type}: extend this test."),
        };
    }
}
