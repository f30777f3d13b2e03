namespace DataEngine.Core.Annotations.Batches;

/// <summary>Adds up a run's annotation states into one <see cref="TaskSummary"/> per task.</summary>
public sealed class TaskSummaryBuilder
{
    readonly Dictionary<string, Tally> _tasks = new(StringComparer.Ordinal);

    public void Add(TaskAnnotationState state)
    {
        if (!_tasks.TryGetValue(state.Task, out var tally))
        {
            _tasks[state.Task] = tally = new Tally();
        }

        tally.Items++;
        var final = state.Final;
        switch (state.Decision.Route)
        {
            case Route.AcceptLight when final is not null: tally.Light++; break;
            case Route.Foundation when final is not null: tally.Foundation++; break;
            case Route.Human:
                tally.Human++;
                tally.Reviewed += state.Reviewed is null ? 0 : 1;
                break;
            default: tally.Unlabelled++; break;
        }

        if (final is { Label: { } label })
        {
            tally.Labels[label] = tally.Labels.GetValueOrDefault(label) + 1;
        }

        tally.LowTrust += final is { LowTrust: true } ? 1 : 0;
        foreach (var review in state.Reviews ?? [])
        {
            tally.ReviewSeconds.Add(review.LatencyMs / 1000);
        }

        if (state.Foundation is { } answer)
        {
            tally.FoundationCalls++;
            tally.FoundationFailures += answer.Failed ? 1 : 0;
            tally.InputTokens += answer.InputTokens;
            tally.OutputTokens += answer.OutputTokens;
            tally.Cost += answer.Cost;
        }
    }

    public IReadOnlyList<TaskSummary> Build(IReadOnlyList<string> taskOrder, IReadOnlyDictionary<string, IReadOnlyList<string>> retraining) =>
        [.. taskOrder.Select(task => _tasks.TryGetValue(task, out var t)
            ? new TaskSummary
            {
                Task = task,
                Items = t.Items,
                Light = t.Light,
                Foundation = t.Foundation,
                Human = t.Human,
                Reviewed = t.Reviewed,
                ReviewSecondsMedian = Median(t.ReviewSeconds),
                Unlabelled = t.Unlabelled,
                LowTrust = t.LowTrust,
                FoundationCalls = t.FoundationCalls,
                FoundationFailures = t.FoundationFailures,
                InputTokens = t.InputTokens,
                OutputTokens = t.OutputTokens,
                Cost = t.Cost,
                Labels = t.Labels.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToDictionary(),
                Retraining = retraining.GetValueOrDefault(task) ?? [],
            }
            : new TaskSummary { Task = task, Retraining = retraining.GetValueOrDefault(task) ?? [] })];

    static double Median(List<double> values)
    {
        if (values.Count == 0)
        {
            return 0;
        }

        values.Sort();
        var middle = values.Count / 2;
        return Math.Round(values.Count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2, 2);
    }

    sealed class Tally
    {
        public readonly List<double> ReviewSeconds = [];
        public long Items, Light, Foundation, Human, Reviewed, Unlabelled, LowTrust, FoundationCalls, FoundationFailures, InputTokens, OutputTokens;
        public decimal Cost;
        public readonly Dictionary<string, long> Labels = new(StringComparer.Ordinal);
    }
}
