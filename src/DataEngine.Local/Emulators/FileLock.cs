using System.Diagnostics;

namespace DataEngine.Local.Emulators;

/// <summary>An exclusive lock between processes, held while the file is open. On Linux and macOS .NET takes an
/// advisory flock for <see cref="FileShare.None"/>, which the kernel drops when the holder dies: no stale locks.</summary>
sealed class FileLock : IDisposable
{
    static readonly TimeSpan RetryInterval = TimeSpan.FromMilliseconds(200);
    readonly FileStream _stream;

    FileLock(FileStream stream) => _stream = stream;

    public static async Task<FileLock> AcquireAsync(string path, TimeSpan timeout, string what, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (waited.Elapsed < timeout)
            {
                await Task.Delay(RetryInterval, ct);
            }
            catch (IOException ex)
            {
                throw new EmulatorException(
                    $"Waited {timeout.TotalSeconds:0} s for another process to finish {what} (lock: {path}).", ex);
            }
        }
    }

    public void Dispose() => _stream.Dispose();
}
