using MimeKit;

namespace ZonaWelfare.Core.Mail;

/// <summary>
/// Delivery without a server: each message becomes <c>{jobId}.eml</c> in the zone's <c>mail</c> folder. Written
/// to a temporary file in that folder and then renamed over the final name, so a repeated attempt replaces its
/// own file (never two for one message) and a crash leaves at most a <c>.tmp</c>, never half an <c>.eml</c>.
/// </summary>
internal static class EmlMailDrop
{
    public const string FolderName = "mail";

    public static async Task WriteAsync(MimeMessage message, string zoneFolder, string jobId, CancellationToken cancellationToken)
    {
        // The id is the platform's own (a GUID), but it becomes a file name: refuse anything that could leave the folder.
        if (jobId.Length == 0 || jobId.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || jobId.Contains("..", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Job id '{jobId}' cannot be a file name.");
        }

        var folder = Path.Combine(zoneFolder, FolderName);
        Directory.CreateDirectory(folder);
        var final = Path.Combine(folder, jobId + ".eml");
        var temporary = Path.Combine(folder, $".{jobId}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 16 * 1024, useAsync: true))
            {
                await message.WriteToAsync(stream, cancellationToken);
                await stream.FlushAsync(cancellationToken);
                // On disk before the rename, or a power cut could leave the final name over an empty file.
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, final, overwrite: true);
        }
        finally
        {
            // Only left when something above failed; after the move there is nothing under this name.
            File.Delete(temporary);
        }
    }
}
