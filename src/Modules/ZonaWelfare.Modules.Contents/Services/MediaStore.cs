using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using ZonaWelfare.Abstractions.Zones;
using ZonaWelfare.Modules.Contents.Data;
using ZonaWelfare.Modules.Contents.Models;

namespace ZonaWelfare.Modules.Contents.Services;

/// <summary>
/// Files of media fields, under the current zone's <c>{DataFolder}/media</c>. Uploads are checked
/// (extension, declared type, first bytes, size) before anything is written; the media endpoint serves
/// only files this zone's database lists, from this zone's folder.
/// </summary>
internal sealed partial class MediaStore(IZoneContext zoneContext, ContentsDbContext db, ContentOperation operation, TimeProvider time)
{
    public string Root => Path.Combine(zoneContext.DataFolder, "media");

    /// <summary>Italian messages for what is wrong with an upload; empty when it can be stored.</summary>
    public static List<string> Check(ContentFieldDefinition field, IFormFile file)
    {
        var problems = new List<string>();
        var name = Path.GetFileName(file.FileName);
        var extension = Path.GetExtension(name).ToLowerInvariant();
        var allowed = FieldRules.ExtensionsOf(field);
        var maxKb = FieldRules.MaxSizeKbOf(field);
        if (file.Length == 0)
        {
            problems.Add($"Il file «{name}» è vuoto.");
            return problems;
        }

        if (!allowed.Contains(extension) || !FieldRules.SafeContentTypes.TryGetValue(extension, out var expectedType))
        {
            problems.Add($"Il file «{name}» non è di un tipo ammesso per il campo «{field.DisplayName}»: sono ammessi {string.Join(", ", allowed)}.");
            return problems;
        }

        var declared = (file.ContentType ?? "").Split(';')[0].Trim().ToLowerInvariant();
        if (declared.Length > 0 && declared != "application/octet-stream" && declared != expectedType && !(extension == ".csv" && declared is "application/vnd.ms-excel" or "text/plain"))
        {
            problems.Add($"Il file «{name}» dichiara il tipo «{declared}», che non corrisponde all'estensione {extension}.");
        }

        if (file.Length > maxKb * 1024L)
        {
            problems.Add($"Il file «{name}» è troppo grande ({Size(file.Length)}): per il campo «{field.DisplayName}» il massimo è {Size(maxKb * 1024L)}.");
        }
        else if (!HasExpectedSignature(file, extension))
        {
            problems.Add($"Il contenuto del file «{name}» non corrisponde a un file {extension}.");
        }

        return problems;
    }

    /// <summary>Writes a checked upload and lists it; the caller's transaction covers the row, and <paramref name="written"/> collects the file to delete on failure.</summary>
    public async Task<MediaValue> SaveAsync(IFormFile file, List<string> written, CancellationToken cancellationToken)
    {
        var originalName = Path.GetFileName(file.FileName);
        var extension = Path.GetExtension(originalName).ToLowerInvariant();
        var now = time.GetUtcNow().UtcDateTime;
        var baseName = TextFolding.Slugify(Path.GetFileNameWithoutExtension(originalName), 60);
        var relative = $"{now:yyyy}/{now:MM}/{Guid.NewGuid().ToString("N")[..12]}-{(baseName.Length > 0 ? baseName : "file")}{extension}";
        var full = FullPath(relative) ?? throw new InvalidOperationException("A generated media path escaped the media folder.");
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        written.Add(full);
        await using (var target = new FileStream(full, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
        {
            await file.CopyToAsync(target, cancellationToken);
        }

        var value = new MediaValue(relative, originalName, FieldRules.SafeContentTypes[extension], file.Length);
        db.Media.Add(new MediaRecord { Path = relative, FileName = originalName, ContentType = value.ContentType, Size = value.Size, UploadedBy = operation.UserName, UploadedUtc = now });
        await db.SaveChangesAsync(cancellationToken);
        return value;
    }

    /// <summary>A listed file of this zone, or null: unknown, outside the media folder, or of a type never served.</summary>
    public async Task<(string FullPath, MediaRecord Record)?> FindAsync(string? relative, CancellationToken cancellationToken)
    {
        if (relative is null || !MediaPath().IsMatch(relative) || FullPath(relative) is not { } full)
        {
            return null;
        }

        var record = await db.Media.AsNoTracking().FirstOrDefaultAsync(m => m.Path == relative, cancellationToken);
        return record is not null && File.Exists(full) && FieldRules.SafeContentTypes.ContainsKey(Path.GetExtension(full)) ? (full, record) : null;
    }

    public static void DeleteFiles(IEnumerable<string> files)
    {
        foreach (var file in files.Where(File.Exists))
        {
            File.Delete(file);
        }
    }

    public static string Size(long bytes) => bytes >= 1024 * 1024
        ? (bytes / 1024d / 1024d).ToString("0.#", System.Globalization.CultureInfo.GetCultureInfo("it-IT")) + " MB"
        : Math.Ceiling(bytes / 1024d).ToString(System.Globalization.CultureInfo.GetCultureInfo("it-IT")) + " KB";

    private string? FullPath(string relative)
    {
        var root = Path.GetFullPath(Root) + Path.DirectorySeparatorChar;
        var full = Path.GetFullPath(Path.Combine(root, relative));
        return full.StartsWith(root, StringComparison.Ordinal) ? full : null;
    }

    private static bool HasExpectedSignature(IFormFile file, string extension)
    {
        byte[]? expected = extension switch
        {
            ".pdf" => "%PDF"u8.ToArray(),
            ".png" => [0x89, 0x50, 0x4E, 0x47],
            ".jpg" or ".jpeg" => [0xFF, 0xD8, 0xFF],
            ".gif" => "GIF8"u8.ToArray(),
            ".docx" or ".xlsx" or ".odt" or ".ods" => [0x50, 0x4B, 0x03, 0x04],
            _ => null,
        };
        if (expected is null)
        {
            return true;
        }

        using var stream = file.OpenReadStream();
        var head = new byte[expected.Length];
        var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        return read == head.Length && head.AsSpan().SequenceEqual(expected);
    }

    [GeneratedRegex("^[0-9]{4}/[0-9]{2}/[a-z0-9]+(-[a-z0-9]+)*\\.[a-z0-9]{2,5}$")]
    private static partial Regex MediaPath();
}
