namespace DataEngine.Functions.Uploads;

/// <summary>What an upload event led to.</summary>
public enum UploadOutcome
{
    /// <summary>A new run was scheduled.</summary>
    Scheduled,

    /// <summary>The upload's run already exists (a re-delivered event): nothing new started.</summary>
    AlreadyStarted,

    /// <summary>A pipeline file was uploaded: it configures later uploads and starts nothing.</summary>
    PipelineFile,

    /// <summary>The upload cannot start a run (bad dataset folder or pipeline file); the log says why.</summary>
    Rejected,

    /// <summary>The blob was deleted before its event arrived: nothing to run on.</summary>
    Deleted,

    /// <summary>The blob was overwritten after the event was raised: the overwrite's own event starts its run.</summary>
    Superseded,
}
