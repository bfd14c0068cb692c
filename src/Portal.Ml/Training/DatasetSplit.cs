using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Portal.Ml.Training;

/// <summary>Verses to learn from and verses held out to measure overfitting.</summary>
public sealed record DatasetSplit(IReadOnlyList<TrainingVerse> Train, IReadOnlyList<TrainingVerse> Validation)
{
    /// <summary>
    /// Splits by a hash of each verse's id, never by position or a random draw, so the same verse lands on the same
    /// side in every run and in every later snapshot: validation loss stays comparable between model versions.
    /// </summary>
    /// <param name="validationFraction">Share held out, 0 for none. A corpus of two or more verses always keeps at least
    /// one verse on each side, so that a small corpus still gets a validation loss.</param>
    public static DatasetSplit ByVerseId(IEnumerable<TrainingVerse> verses, double validationFraction)
    {
        ArgumentNullException.ThrowIfNull(verses);
        if (validationFraction is < 0 or >= 1)
            throw new ArgumentOutOfRangeException(nameof(validationFraction), validationFraction, "The validation share must be in [0, 1).");

        // Ordered by hash so that the result does not depend on the order the caller listed the verses in.
        var ranked = verses
            .Select(verse => (Verse: verse, Key: UnitInterval(verse.Id)))
            .OrderBy(pair => pair.Key)
            .ThenBy(pair => pair.Verse.Id, StringComparer.Ordinal)
            .ToList();
        // A single verse always trains: there is nothing to learn from otherwise.
        var held = validationFraction == 0 || ranked.Count < 2
            ? 0
            : Math.Clamp(ranked.Count(pair => pair.Key < validationFraction), 1, ranked.Count - 1);

        return new DatasetSplit(
            ranked.Skip(held).Select(pair => pair.Verse).ToList(),
            ranked.Take(held).Select(pair => pair.Verse).ToList());
    }

    private static double UnitInterval(string id)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(id));
        return (BinaryPrimitives.ReadUInt64BigEndian(hash) >> 11) * (1.0 / (1UL << 53));
    }
}
