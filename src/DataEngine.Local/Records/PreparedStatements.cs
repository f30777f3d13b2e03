using Microsoft.Data.Sqlite;

namespace DataEngine.Local.Records;

/// <summary>
/// One prepared statement run many times with new values: the pattern behind every fast SQLite path here (multi-row
/// upserts in one transaction, point reads on kept-open connections). Preparing once is what makes them fast.
/// </summary>
static class PreparedStatements
{
    /// <summary>Sets <paramref name="command"/>'s SQL, adds one parameter per name, prepares it, and returns the parameters in name order.</summary>
    public static SqliteParameter[] Prepare(SqliteCommand command, string sql, params string[] names)
    {
        command.CommandText = sql;
        var parameters = names.Select(name => command.Parameters.Add(new SqliteParameter { ParameterName = name })).ToArray();
        command.Prepare();
        return parameters;
    }
}
