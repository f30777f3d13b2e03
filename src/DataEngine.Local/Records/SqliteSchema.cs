using DataEngine.Core.Annotations;
using DataEngine.Core.Items;

namespace DataEngine.Local.Records;

/// <summary>The SQLite schema and the mapping of enums (item states, annotator kinds, routes) to the words stored in it.</summary>
static class SqliteSchema
{
    /// <summary>Bumped whenever the tables change; a database of another version is refused with a clear message.</summary>
    public const int Version = 5; // 4: review tasks and assignments (SqliteReviewStore); 5: review task text, labels, instructions, waiter; review_links (SqliteReviewTokenLedger)

    public const string Create = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS runs (
            run_id TEXT PRIMARY KEY, dataset TEXT NOT NULL, input TEXT NOT NULL, status TEXT NOT NULL,
            started_at TEXT NOT NULL, completed_at TEXT, report_blob TEXT, etag TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS items (
            run_id TEXT NOT NULL, item_id TEXT NOT NULL, dataset TEXT NOT NULL, source TEXT NOT NULL,
            position INTEGER NOT NULL, ordinal INTEGER NOT NULL, state TEXT NOT NULL, rule TEXT, rule_value REAL,
            reason TEXT, dedup_key TEXT, duplicate_of TEXT, sample_key REAL NOT NULL,
            PRIMARY KEY (run_id, item_id));
        CREATE INDEX IF NOT EXISTS items_by_state ON items (run_id, state, ordinal);
        CREATE INDEX IF NOT EXISTS items_by_sample ON items (dataset, state, sample_key);
        CREATE TABLE IF NOT EXISTS batches (
            run_id TEXT NOT NULL, batch_index INTEGER NOT NULL, items INTEGER NOT NULL, committed_at TEXT NOT NULL,
            PRIMARY KEY (run_id, batch_index));
        CREATE TABLE IF NOT EXISTS dedup_claims (
            dataset TEXT NOT NULL, dedup_key TEXT NOT NULL, run_id TEXT NOT NULL, item_id TEXT NOT NULL, ordinal INTEGER NOT NULL,
            PRIMARY KEY (dataset, dedup_key));
        CREATE TABLE IF NOT EXISTS annotations (
            run_id TEXT NOT NULL, item_id TEXT NOT NULL, task TEXT NOT NULL, kind_rank INTEGER NOT NULL, annotator_id TEXT NOT NULL,
            dataset TEXT NOT NULL, kind TEXT NOT NULL, annotator_version TEXT, label TEXT, score REAL, confidence REAL NOT NULL,
            cost TEXT NOT NULL, input_tokens INTEGER NOT NULL, output_tokens INTEGER NOT NULL, latency_ms REAL NOT NULL,
            reason TEXT, low_trust INTEGER NOT NULL, failed INTEGER NOT NULL, route TEXT NOT NULL, final INTEGER NOT NULL,
            created_at TEXT NOT NULL, sample_key REAL NOT NULL,
            PRIMARY KEY (run_id, item_id, task, kind_rank, annotator_id));
        CREATE INDEX IF NOT EXISTS annotations_by_kind ON annotations (dataset, task, kind_rank, run_id, item_id, annotator_id);
        CREATE INDEX IF NOT EXISTS annotations_by_sample ON annotations (dataset, task, sample_key);
        CREATE TABLE IF NOT EXISTS review_tasks (
            task_id TEXT PRIMARY KEY, dataset TEXT NOT NULL, run_id TEXT NOT NULL, item_id TEXT NOT NULL, task TEXT NOT NULL,
            proposals TEXT NOT NULL, created_at TEXT NOT NULL, deadline TEXT NOT NULL, overlap INTEGER NOT NULL,
            text TEXT NOT NULL, labels TEXT, instructions TEXT NOT NULL, waiter TEXT);
        CREATE TABLE IF NOT EXISTS review_assignments (
            assignment_id TEXT PRIMARY KEY, task_id TEXT NOT NULL, dataset TEXT NOT NULL, run_id TEXT NOT NULL, reviewer TEXT NOT NULL,
            state TEXT NOT NULL, assigned_key TEXT NOT NULL, assigned_at TEXT NOT NULL, decision TEXT, label TEXT, seconds_spent REAL,
            answered_at TEXT, etag TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS review_queue ON review_assignments (reviewer, state, assigned_key, assignment_id);
        CREATE INDEX IF NOT EXISTS review_by_task ON review_assignments (task_id, assigned_key, assignment_id);
        CREATE TABLE IF NOT EXISTS review_links (nonce TEXT PRIMARY KEY, expires_at TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS review_links_by_expiry ON review_links (expires_at);
        """;

    /// <summary>
    /// Per-connection settings, applied at every open (a pooled connection may be new): in WAL mode NORMAL is
    /// durable across a process crash and skips an fsync per commit; checkpoints run every 32 MB of log, not 4 MB;
    /// and a writer that finds the database locked waits in SQLite's own busy handler, which retries within
    /// milliseconds, instead of the ADO.NET provider's retry loop, which sleeps 150 ms between tries.
    /// </summary>
    public const string ConnectionPragmas = "PRAGMA synchronous = NORMAL; PRAGMA wal_autocheckpoint = 8192; PRAGMA busy_timeout = 60000;";

    /// <summary>The annotator kind's word, as Cosmos DB documents spell it; the stored tier rank (the enum value) orders kinds.</summary>
    public static string KindName(AnnotatorKind kind) => kind switch
    {
        AnnotatorKind.Rule => "rule",
        AnnotatorKind.LightModel => "lightModel",
        AnnotatorKind.FoundationModel => "foundationModel",
        AnnotatorKind.Human => "human",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static AnnotatorKind ParseKind(string name) => name switch
    {
        "rule" => AnnotatorKind.Rule,
        "lightModel" => AnnotatorKind.LightModel,
        "foundationModel" => AnnotatorKind.FoundationModel,
        "human" => AnnotatorKind.Human,
        _ => throw new InvalidDataException($"Unknown annotator kind '{name}' in the record store."),
    };

    public static string RouteName(Route route) => route switch
    {
        Route.AcceptLight => "acceptLight",
        Route.Foundation => "foundation",
        Route.Human => "human",
        Route.Unlabelled => "unlabelled",
        _ => throw new ArgumentOutOfRangeException(nameof(route), route, null),
    };

    public static Route ParseRoute(string name) => name switch
    {
        "acceptLight" => Route.AcceptLight,
        "foundation" => Route.Foundation,
        "human" => Route.Human,
        "unlabelled" => Route.Unlabelled,
        _ => throw new InvalidDataException($"Unknown route '{name}' in the record store."),
    };

    public static string StateName(ItemState state) => state switch
    {
        ItemState.Accepted => "accepted",
        ItemState.Rejected => "rejected",
        ItemState.Duplicate => "duplicate",
        ItemState.Quarantined => "quarantined",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    public static ItemState ParseState(string name) => name switch
    {
        "accepted" => ItemState.Accepted,
        "rejected" => ItemState.Rejected,
        "duplicate" => ItemState.Duplicate,
        "quarantined" => ItemState.Quarantined,
        _ => throw new InvalidDataException($"Unknown item state '{name}' in the record store."),
    };
}
