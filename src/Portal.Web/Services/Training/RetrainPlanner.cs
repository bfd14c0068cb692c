using Microsoft.Extensions.Options;
using Portal.Core.Access;
using Portal.Core.Training;
using Portal.Data.Verses;
using Portal.Web.Options;

namespace Portal.Web.Services.Training;

/// <summary>What a request resolves to: the job to queue, or why there is none.</summary>
public sealed record RetrainPlan(NewTrainingJob? Job, IReadOnlyList<string> Errors);

/// <summary>
/// Turns a press of "Retrain now" into a concrete job: where the weights start, which settings, and which verses,
/// read from the library at this moment. A preset falls back to training from scratch when what it would start
/// from is missing, and says so in <see cref="NewTrainingJob.StartFrom"/>; custom settings are refused instead.
/// </summary>
public sealed class RetrainPlanner(
    ITrainingJobStore store,
    VerseStore verses,
    IGoldenPromptStore goldenPrompts,
    CurrentModel currentModel,
    TrainingFolders folders,
    IOptionsMonitor<TrainingQueueOptions> options)
{
    public async Task<RetrainPlan> PlanAsync(Actor actor, RetrainRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(request);
        var library = await verses.LibrarySnapshotAsync(cancellationToken);
        if (library.Count == 0)
            return Refuse("No verses are marked for training: add verses or include some in training first.");

        var current = await currentModel.JobAsync(cancellationToken);
        var context = new Context(library, current, folders.CompleteCandidate(current));
        var choice = request.Preset switch
        {
            RetrainPreset.Quick => await QuickAsync(context, cancellationToken),
            RetrainPreset.Full => Full(),
            RetrainPreset.Scratch => Scratch(request.ModelSize),
            RetrainPreset.Custom => await CustomAsync(context, request.Settings, cancellationToken),
            _ => Choice.Refused($"Unknown preset {request.Preset}."),
        };
        if (choice.Errors.Count > 0)
            return new RetrainPlan(null, choice.Errors);
        // A preset can still be off when the configuration is (e.g. an unknown Portal:Training:ScratchSize).
        var invalid = choice.Settings!.Validate();
        if (invalid.Count > 0)
            return new RetrainPlan(null, invalid);

        var prompts = await goldenPrompts.ListAsync(cancellationToken);
        var job = new NewTrainingJob(
            actor.UserId,
            request.Preset,
            choice.Settings!,
            choice.StartFrom,
            current?.Id,
            choice.Snapshot ?? SnapshotPlanner.Plan(library, choice.Settings!.StartMode, null, 0, 0),
            prompts.Select(p => p.Text).ToList());
        return new RetrainPlan(job, []);
    }

    /// <summary>
    /// The settings a preset trains with here: Full (and the Custom panel, which starts from Full's) fine-tune the
    /// configured base model, or train from scratch when there is none.
    /// </summary>
    public TrainingSettings DefaultsFor(RetrainPreset preset) => preset switch
    {
        RetrainPreset.Quick => TrainingSettings.ForPreset(preset),
        RetrainPreset.Full or RetrainPreset.Custom when folders.BaseModelDirectory(options.CurrentValue.BaseModel) is not null =>
            TrainingSettings.ForPreset(RetrainPreset.Full) with { BaseModel = options.CurrentValue.BaseModel },
        _ => TrainingSettings.ForPreset(RetrainPreset.Scratch, ScratchSize(null)),
    };

    private async Task<Choice> QuickAsync(Context context, CancellationToken cancellationToken)
    {
        if (context.CurrentFolder is null)
        {
            // A fresh install's first model trains from scratch: it needs no downloaded weights.
            var why = context.Current is null ? "no model yet" : $"job {context.Current.Id}'s model files are missing";
            return FromScratch(ScratchSize(null), why);
        }
        return await ContinueAsync(context, TrainingSettings.ForPreset(RetrainPreset.Quick), cancellationToken);
    }

    private Choice Full()
    {
        var name = options.CurrentValue.BaseModel;
        if (string.IsNullOrWhiteSpace(name))
            return FromScratch(ScratchSize(null), "no base model is configured");
        if (folders.BaseModelDirectory(name) is null)
            return FromScratch(ScratchSize(null), $"{TrainingFolders.BaseModelsFolder}/{name} is not a complete model folder");
        return Choice.Of(TrainingSettings.ForPreset(RetrainPreset.Full) with { BaseModel = name }, $"{TrainingFolders.BaseModelsFolder}/{name}");
    }

    private Choice Scratch(string? modelSize)
    {
        var size = ScratchSize(modelSize);
        if (!TrainingSettings.ModelSizes.Contains(size))
            return Choice.Refused($"The model size must be one of: {string.Join(", ", TrainingSettings.ModelSizes)}.");
        return Choice.Of(TrainingSettings.ForPreset(RetrainPreset.Scratch, size), $"{size} model from scratch");
    }

    private async Task<Choice> CustomAsync(Context context, TrainingSettings? settings, CancellationToken cancellationToken)
    {
        if (settings is null)
            return Choice.Refused("Custom training needs its settings.");
        var errors = settings.Validate();
        if (errors.Count > 0)
            return Choice.Refused(errors);
        switch (settings.StartMode)
        {
            case JobStartMode.Base:
                return folders.BaseModelDirectory(settings.BaseModel) is null
                    ? Choice.Refused($"{TrainingFolders.BaseModelsFolder}/{settings.BaseModel} is not a complete model folder (it needs config.json and model.safetensors).")
                    : Choice.Of(settings, $"{TrainingFolders.BaseModelsFolder}/{settings.BaseModel}");
            case JobStartMode.Continue:
                if (context.CurrentFolder is null)
                    return Choice.Refused("There is no current model to continue from yet: train one from scratch or from a base model first.");
                return await ContinueAsync(context, settings, cancellationToken);
            default:
                return Choice.Of(settings, $"{settings.ModelSize} model from scratch");
        }
    }

    private async Task<Choice> ContinueAsync(Context context, TrainingSettings settings, CancellationToken cancellationToken)
    {
        var current = context.Current!;
        var known = await store.SnapshotAsync(current.Id, cancellationToken);
        var hashes = known.Select(v => v.ContentHash).ToHashSet(StringComparer.Ordinal);
        var snapshot = SnapshotPlanner.Plan(context.Library, JobStartMode.Continue, hashes, settings.ReplayRatio, settings.Seed);
        if (snapshot.Count == 0)
            return Choice.Refused($"Nothing new since job {current.Id}'s model: add or edit verses, or use Full.");
        return Choice.Of(settings, $"job {current.Id}'s model", snapshot);
    }

    private static Choice FromScratch(string size, string why) =>
        Choice.Of(TrainingSettings.ForPreset(RetrainPreset.Scratch, size), $"{size} model from scratch ({why})");

    private string ScratchSize(string? requested) =>
        string.IsNullOrWhiteSpace(requested) ? options.CurrentValue.ScratchSize : requested.Trim().ToLowerInvariant();

    private static RetrainPlan Refuse(string error) => new(null, [error]);

    private sealed record Context(IReadOnlyList<SnapshotVerse> Library, TrainingJob? Current, string? CurrentFolder);

    private sealed record Choice(TrainingSettings? Settings, string? StartFrom, IReadOnlyList<SnapshotVerse>? Snapshot, IReadOnlyList<string> Errors)
    {
        public static Choice Of(TrainingSettings settings, string startFrom, IReadOnlyList<SnapshotVerse>? snapshot = null) =>
            new(settings, startFrom, snapshot, []);

        public static Choice Refused(params IReadOnlyList<string> errors) => new(null, null, null, errors);
    }
}
