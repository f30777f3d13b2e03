using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace DataEngine.Local.Records;

/// <summary>
/// One record-store database file, as <see cref="SqliteRecordStore"/> and <see cref="SqliteReviewStore"/> open it: one
/// connection string, one schema check and per-connection pragmas, so both stores share the file in any start order.
/// </summary>
sealed class SqliteFile
{
    readonly string _connectionString;

    /// <summary>Native connections whose per-connection pragmas are set; entries go when the pool drops a connection.</summary>
    readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> _configured = new();
    static readonly object Configured = new();

    public SqliteFile(string databasePath)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(databasePath))!);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 60, // also how long a writer waits for the lock (SQLITE_BUSY is retried until then)
        }.ToString();
        using var connection = Open();
        var found = Convert.ToInt32(Scalar(connection, "PRAGMA user_version"), CultureInfo.InvariantCulture);
        var tables = Convert.ToInt64(Scalar(connection, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'"), CultureInfo.InvariantCulture);
        if (found != SqliteSchema.Version && tables > 0)
        {
            throw new InvalidOperationException(
                $"Record store '{databasePath}' has schema version {found}; this build uses {SqliteSchema.Version}. " +
                "Delete the state folder (e.g. out/.dataengine) to start afresh, or use another --out folder.");
        }

        // Every statement is IF NOT EXISTS: harmless when the record store created the file first.
        Execute(connection, SqliteSchema.Create + $"PRAGMA user_version = {SqliteSchema.Version};");
    }

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();

        // The pool hands back the same native connection many times: set its pragmas once, not at every open
        // (doing it every time made a point read three times slower, `dataengine bench storage`).
        if (connection.Handle is { } handle && !_configured.TryGetValue(handle, out _))
        {
            Execute(connection, SqliteSchema.ConnectionPragmas);
            _configured.AddOrUpdate(handle, Configured);
        }

        return connection;
    }

    static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
