namespace ExportJobs.Running.Events;

/// <summary>Something that happened to a run or its job, told to the listeners by <see cref="ExportRunEventPump"/>.</summary>
/// <param name="JobId">The job.</param>
internal abstract record ExportRunEvent(string JobId);
