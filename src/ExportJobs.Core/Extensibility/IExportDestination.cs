using System.Text.Json.Nodes;
using ExportJobs.Model;
using ExportJobs.Validation;

namespace ExportJobs.Extensibility;

/// <summary>
/// A place export files are delivered to. Implement it to add a destination type, and register it with
/// <c>builder.AddDestination&lt;T&gt;("name")</c>; the API then accepts <c>"destinationType": "name"</c>.
/// </summary>
/// <remarks>
/// <para>
/// One instance serves every job of its type (it is a singleton), so keep per-job state out of fields: each call gets
/// the job's <c>destinationConfig</c>. Members added to this interface later come with default implementations.
/// </para>
/// <para>
/// Delivery must be atomic: when <see cref="DeliverAsync"/> throws or is cancelled, nothing partial may be left at
/// the destination (upload to a temporary name and rename, stage and commit, abort a multipart upload, ...).
/// </para>
/// <para>
/// <b>Contract versions.</b> Version 1 is <see cref="Validate"/>, <see cref="DeliverAsync"/>, <see cref="SecretSettings"/>,
/// <see cref="EndpointSettings"/>, <see cref="RemoveAsync"/> and <see cref="TestConnectionAsync"/>. Version 2 adds
/// members a destination opts into, each with a default that keeps version 1's behaviour: the ownership check before
/// publish (<see cref="ExportDeliveryContext.BeforePublishAsync"/>, on both kinds of delivery),
/// staged multi-part publish (<see cref="BeginStagingAsync"/>), streaming delivery (<see cref="SupportsStreaming"/> and
/// <see cref="DeliverStreamingAsync"/>: receive the file while it is written) and the settings schema
/// (<see cref="SettingsSchema"/>) from which the dashboard builds the type's settings form. A plugin written for
/// version 1 compiles and behaves as before (without a schema, the dashboard edits its settings as JSON).
/// </para>
/// <para>
/// <b>Which member delivers a run's files.</b> A run with one file and no manifest goes to
/// <see cref="DeliverStreamingAsync"/> when <see cref="SupportsStreaming"/> says so for the job's settings, else to
/// <see cref="DeliverAsync"/> once the file is complete. A split run or a run with a manifest always uses the staged path
/// (<see cref="BeginStagingAsync"/>) or, without staging, <see cref="DeliverAsync"/> per file, after every file is written.
/// </para>
/// </remarks>
public interface IExportDestination
{
    /// <summary>
    /// Names of the settings in <c>destinationConfig</c> that are secrets (passwords, keys, tokens, connection strings).
    /// They are masked in every API response, kept when a PUT sends the mask back, and never logged.
    /// </summary>
    IReadOnlyCollection<string> SecretSettings => [];

    /// <summary>
    /// Names of the settings in <c>destinationConfig</c> that say where the secrets are sent: an endpoint URL, a host
    /// name, a port. A PUT (or connection test) that changes one of them must send the secrets again; the mask keeps a
    /// stored secret only while they are unchanged.
    /// </summary>
    /// <remarks>
    /// Without this, whoever may edit a job but was never told its password could point the job at a server of their
    /// own, send the mask back, and receive the stored credentials there. Values are compared as JSON, exactly.
    /// </remarks>
    IReadOnlyCollection<string> EndpointSettings => [];

    /// <summary>
    /// Destination contract v2, optional: a JSON Schema (a documented subset of draft 2020-12) of <c>destinationConfig</c>,
    /// served by <c>GET /export-jobs/destination-types</c>, from which the dashboard builds this type's settings form. The
    /// default, <see langword="null"/>, gets a JSON editor instead.
    /// </summary>
    /// <remarks>
    /// <para>
    /// The subset (the Core README lists it with an example): the root is <c>{ "type": "object", "properties": { ... } }</c>
    /// with optional <c>$schema</c>, <c>title</c>, <c>description</c>, <c>required</c> (names of properties) and
    /// <c>additionalProperties: false</c>. Each property has a <c>type</c> of <c>string</c>, <c>integer</c>,
    /// <c>boolean</c>, or <c>object</c> with <c>additionalProperties: { "type": "string" }</c> (a map of strings, such as
    /// HTTP headers), and optionally <c>title</c>, <c>description</c>, <c>default</c> (of the property's type),
    /// <c>enum</c> (strings), <c>minimum</c>/<c>maximum</c> (integers), <c>format: "uri"</c> and <c>contentMediaType</c>
    /// (multi-line text, such as a PEM key) for strings, and <c>writeOnly: true</c> for a secret. A schema using anything
    /// else is not served (the type then shows as having none, and a warning is logged once).
    /// </para>
    /// <para>
    /// The schema describes the form; <see cref="Validate"/> stays the judge of what is accepted, and its errors are shown
    /// next to the fields. List exactly the settings <see cref="Validate"/> accepts. Every name in
    /// <see cref="SecretSettings"/> is served with <c>writeOnly: true</c> whether or not the schema says so. The object is
    /// read, never changed; return the same instance on every call if you like.
    /// </para>
    /// </remarks>
    JsonObject? SettingsSchema => null;

    /// <summary>
    /// Checks a job's <c>destinationConfig</c>. Report every problem at once through <paramref name="errors"/>, with the
    /// setting's name as the field (for example <c>"bucket"</c>); the library shows it as <c>destinationConfig.bucket</c>.
    /// </summary>
    /// <remarks>
    /// Report, do not throw. An exception thrown here (for example by <see cref="System.IO.Path.GetFullPath(string)"/> on a
    /// value with a NUL) refuses the settings with an error under <c>destinationConfig</c> that names only the exception's
    /// type, and is logged as an error with the type name and the plugin's class (its message scrubbed of secrets).
    /// </remarks>
    /// <param name="config">The settings, as sent by the user (secrets in clear text).</param>
    /// <param name="errors">Collects the problems.</param>
    void Validate(JsonObject config, ValidationErrors errors);

    /// <summary>Delivers one export file.</summary>
    /// <param name="delivery">The file and the job it belongs to.</param>
    /// <param name="cancellationToken">Cancelled when the run is cancelled (shutdown, job deleted).</param>
    /// <returns>Where the file went.</returns>
    /// <remarks>
    /// Throw <see cref="ExportDeliveryException"/> with a message the job's owner can act on. Any exception fails the run;
    /// its message is recorded in the run's <c>error</c> after secrets of the job's configuration are removed from it.
    /// </remarks>
    Task<DeliveryResult> DeliverAsync(ExportDelivery delivery, CancellationToken cancellationToken);

    /// <summary>
    /// Destination contract v2, optional: whether this destination receives a single-file run while the file is being
    /// written (<see cref="DeliverStreamingAsync"/>) with these settings. The default says no: the file is delivered whole,
    /// with <see cref="DeliverAsync"/>, once it is written.
    /// </summary>
    /// <param name="config">The job's <c>destinationConfig</c> (secrets in clear text), already validated.</param>
    /// <returns><see langword="true"/> to receive the run through <see cref="DeliverStreamingAsync"/>.</returns>
    /// <remarks>
    /// Say no when a delivery needs the whole file up front, for example to send it again on a retry (the webhook
    /// destination does). Answer from the settings alone, quickly and without I/O: it is asked at the start of every run.
    /// </remarks>
    bool SupportsStreaming(JsonObject config) => false;

    /// <summary>
    /// Destination contract v2, optional: delivers one export file while the library is still writing it. Called only
    /// when <see cref="SupportsStreaming"/> returned <see langword="true"/>, for a run with one file and no manifest (split
    /// runs and runs with a manifest keep the staged path), as soon as the run is recorded and its first record written
    /// (a run without records: once its file is finished; a job that skips empty runs never starts a delivery for one).
    /// </summary>
    /// <param name="delivery">The file as it grows: <see cref="ExportStreamingDelivery.OpenRead"/>, its length and SHA-256 at the end.</param>
    /// <param name="cancellationToken">Cancelled when the run is cancelled (shutdown, job deleted, cancel request).</param>
    /// <returns>Where the file went.</returns>
    /// <remarks>
    /// <para>
    /// Upload as the bytes arrive, but publish nothing until the file is finished: await
    /// <see cref="ExportStreamingDelivery.WaitForCompletionAsync"/>, check what the destination stored against its length
    /// (and checksum, where the destination can), call <see cref="ExportDeliveryContext.BeforePublishAsync"/>, then make
    /// the file visible in one step (complete the multipart upload, commit the blocks, rename the temporary file).
    /// </para>
    /// <para>
    /// Atomic, as <see cref="DeliverAsync"/>: when the export fails (reads and waits throw
    /// <see cref="ExportStreamAbortedException"/>), the token is cancelled, or the upload fails, leave nothing behind and
    /// throw. The library waits for this method to end before it records the run and deletes the spool file. When the
    /// export failed, the run reports the export's error; when this method fails first, the library stops the export and
    /// reports this method's error (an <see cref="ExportDeliveryException"/>'s message as it is).
    /// </para>
    /// <para>The default throws <see cref="NotSupportedException"/>; it is never called unless <see cref="SupportsStreaming"/> is overridden.</para>
    /// </remarks>
    Task<DeliveryResult> DeliverStreamingAsync(ExportStreamingDelivery delivery, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"{GetType().Name} does not deliver while the file is written: override SupportsStreaming and DeliverStreamingAsync together (destination contract v2).");

    /// <summary>
    /// Removes a file this destination delivered earlier in the same run, when the run fails after it: the earlier parts
    /// of a split run (or its data files when the manifest could not be delivered), so that a failed run leaves nothing.
    /// </summary>
    /// <param name="delivery">The delivery as it was handed to <see cref="DeliverAsync"/> (its file may be gone: do not read it).</param>
    /// <param name="delivered">What <see cref="DeliverAsync"/> returned for it.</param>
    /// <param name="cancellationToken">Bounds the removal (the library allows 30 seconds for all of a run's files).</param>
    /// <returns>
    /// <see langword="true"/> when the file is gone (also when it was gone already); <see langword="false"/> when this
    /// destination cannot remove files. The default returns <see langword="false"/>.
    /// </returns>
    /// <remarks>
    /// <para>
    /// Without staging (<see cref="BeginStagingAsync"/>) the library delivers a split run's files one by one with
    /// <see cref="DeliverAsync"/>, every part only once all parts are written, then the manifest; with staging, it calls
    /// this for the files published before a publish that failed. A destination that does not override this member keeps
    /// working: when a later file fails, the run's error names each file left at the destination. A destination that can delete (object stores,
    /// file servers) should override it. Throwing counts as <see langword="false"/>: the file is named as left behind.
    /// </para>
    /// </remarks>
    Task<bool> RemoveAsync(ExportDelivery delivery, DeliveryResult delivered, CancellationToken cancellationToken) =>
        Task.FromResult(false);

    /// <summary>
    /// Destination contract v2, optional: starts the staged publish of one run's files (a split run's parts and its
    /// manifest), so that consumers see none of them until every one is written. Return <see langword="null"/> when this
    /// destination (or these settings) cannot stage; the default does.
    /// </summary>
    /// <param name="job">The job (its <c>destinationConfig</c> with secrets in clear text).</param>
    /// <param name="runId">The run whose files are staged.</param>
    /// <param name="cancellationToken">Cancelled when the run is cancelled.</param>
    /// <returns>The run's staging, which the library disposes when the delivery ended; or <see langword="null"/>.</returns>
    /// <remarks>
    /// <para>
    /// With a staging the library calls <see cref="ExportStaging.StageAsync"/> for every part in order and then for the
    /// manifest, checks once that this host still owns the run (<see cref="ExportDeliveryContext.BeforePublishAsync"/>), and
    /// publishes the staged files in the same order (<see cref="ExportStagedFile.PublishAsync"/>, the manifest last).
    /// When staging fails, every staged file is discarded (<see cref="ExportStagedFile.DiscardAsync"/>) and nothing was
    /// ever visible. When a publish fails, the files not published yet are discarded and the ones published before are
    /// removed with <see cref="RemoveAsync"/> (best effort; the run's error names what is left).
    /// </para>
    /// <para>
    /// Without a staging (the default) the files are delivered one by one with <see cref="DeliverAsync"/>, each visible
    /// as soon as it is delivered, and removed with <see cref="RemoveAsync"/> when a later one fails. A run with one file
    /// and no manifest is never staged: it goes through <see cref="DeliverStreamingAsync"/> (when
    /// <see cref="SupportsStreaming"/>) or <see cref="DeliverAsync"/>.
    /// </para>
    /// </remarks>
    Task<ExportStaging?> BeginStagingAsync(ExportJob job, string runId, CancellationToken cancellationToken) =>
        Task.FromResult<ExportStaging?>(null);

    /// <summary>
    /// Checks, without exporting data, that a destination configured with <paramref name="config"/> is reachable and
    /// writable (behind <c>POST /export-jobs/{id}/test-connection</c>).
    /// </summary>
    /// <param name="config">Settings that passed <see cref="Validate"/>, with secrets in clear text.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>One entry per check made, in order; checks after a failed one are usually not attempted.</returns>
    /// <remarks>
    /// Never throw for a failed check: report it as a failed <see cref="DestinationCheck"/> whose message says what to
    /// fix and contains no secret. The default reports that the destination cannot test its connection.
    /// </remarks>
    Task<DestinationTestResult> TestConnectionAsync(JsonObject config, CancellationToken cancellationToken) =>
        Task.FromResult(new DestinationTestResult([DestinationCheck.Unsupported]));
}
