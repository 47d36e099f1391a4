using System.Data;
using System.Data.Common;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using PestProtocol.Bot.Persistence.Outbox;
using PestProtocol.Bot.Persistence.Records;
using PestProtocol.Domain.Cases;
using PestProtocol.Domain.Dossier;
using PestProtocol.Domain.Roles;
using Route = PestProtocol.Domain.Routes.Route;

namespace PestProtocol.Bot.Persistence;

/// <summary>
/// The SQL of a case turn (the case row, its dossier, its members, its outbox rows), as plain ADO.NET commands on the
/// context's own connection and transaction: no EF Core query translation, change tracking or update pipeline on the
/// melding turn's path. Rows are written and read exactly as the EF Core model stores them (snake_case columns, enums
/// as their names, JSON text lists; SQLite: GUIDs as upper-case TEXT, times as INTEGER UTC ticks cut to the microsecond;
/// PostgreSQL: uuid and timestamptz in UTC), so every EF Core reader elsewhere sees the same rows.
/// </summary>
internal sealed class CaseStoreSql
{
    /// <summary>
    /// The <see cref="DiagnosticListener"/> every command run through <see cref="SqlSession"/> is reported to (event
    /// <c>Command</c> with the executed <see cref="DbCommand"/>, or <c>CommandFailed</c> when the database refused it), as
    /// EF Core reports its own commands, so tests can see what a turn sends; nobody listens in production.
    /// </summary>
    public const string TraceName = "PestProtocol.Sql";

    public static readonly DiagnosticListener Trace = new(TraceName);

    public static readonly CaseStoreSql Sqlite = new(postgres: false);

    public static readonly CaseStoreSql Postgres = new(postgres: true);

    private const string CaseColumns =
        "id, case_year, case_number, student_ref, class_name, location_id, signalled_by_staff_id, signalled_by_role, owner_staff_id, " +
        "owner_role, \"trigger\", signal_ids, is_digital, description, opened_at, current_step, step3_route, step4_route, " +
        "switched_from_route_e, step_before_close, next_follow_up_date, last_activity_at, version";

    private const string DossierColumns =
        "id, case_id, sequence, step, kind, actor_staff_id, actor_role, recorded_at, text, participants, agreements, " +
        "parents_informed_by_staff_id, parents_informed_at, parents_contact_method, parents_who_takes_which_steps, follow_up_date, " +
        "correction_of, route, checklist_item_ids, informed_roles, chosen_with_student, digital_tips_given, punishment, " +
        "punishment_decided_by_staff_id, other_school_contact, agreements_kept, bullying_persists, suspect_admitted, signatures";

    public const string SelectCase = "SELECT " + CaseColumns + " FROM cases WHERE id = @id";

    public const string SelectDossier = "SELECT " + DossierColumns + " FROM dossier_entries WHERE case_id = @id ORDER BY sequence";

    public const string SelectMembers = "SELECT staff_id, role FROM case_members WHERE case_id = @id ORDER BY added_at, staff_id";

    public const string CaseExists = "SELECT 1 FROM cases WHERE id = @id";

    public const string LastCaseNumber = "SELECT MAX(case_number) FROM cases WHERE location_id = @location AND case_year = @year";

    public const string InsertCase =
        "INSERT INTO cases (" + CaseColumns + ") VALUES (@id, @case_year, @case_number, @student_ref, @class_name, @location_id, " +
        "@signalled_by_staff_id, @signalled_by_role, @owner_staff_id, @owner_role, @trigger, @signal_ids, @is_digital, @description, " +
        "@opened_at, @current_step, @step3_route, @step4_route, @switched_from_route_e, @step_before_close, @next_follow_up_date, " +
        "@last_activity_at, @version)";

    /// <summary>Every column but the key and the case code; no row when someone else stored a version since <c>@old_version</c>.</summary>
    public const string UpdateCase =
        "UPDATE cases SET student_ref = @student_ref, class_name = @class_name, location_id = @location_id, " +
        "signalled_by_staff_id = @signalled_by_staff_id, signalled_by_role = @signalled_by_role, owner_staff_id = @owner_staff_id, " +
        "owner_role = @owner_role, \"trigger\" = @trigger, signal_ids = @signal_ids, is_digital = @is_digital, description = @description, " +
        "opened_at = @opened_at, current_step = @current_step, step3_route = @step3_route, step4_route = @step4_route, " +
        "switched_from_route_e = @switched_from_route_e, step_before_close = @step_before_close, next_follow_up_date = @next_follow_up_date, " +
        "last_activity_at = @last_activity_at, version = @version WHERE id = @id AND version = @old_version";

    public const string InsertDossierEntry =
        "INSERT INTO dossier_entries (" + DossierColumns + ") VALUES (@id, @case_id, @sequence, @step, @kind, @actor_staff_id, @actor_role, " +
        "@recorded_at, @text, @participants, @agreements, @parents_informed_by_staff_id, @parents_informed_at, @parents_contact_method, " +
        "@parents_who_takes_which_steps, @follow_up_date, @correction_of, @route, @checklist_item_ids, @informed_roles, " +
        "@chosen_with_student, @digital_tips_given, @punishment, @punishment_decided_by_staff_id, @other_school_contact, " +
        "@agreements_kept, @bullying_persists, @suspect_admitted, @signatures)";

    public const string InsertMember = "INSERT INTO case_members (case_id, staff_id, role, added_at) VALUES (@case_id, @staff_id, @role, @added_at)";

    /// <summary>A message whose dedup key is already stored is left out (the unique index decides, in the same statement).</summary>
    public const string InsertOutbox =
        "INSERT INTO outbox_messages (id, created_at, kind, dedup_key, payload, recipient_id, status, attempts, next_attempt_at, " +
        "lease_owner, lease_until, last_error_code, sent_at) VALUES (@id, @created_at, @kind, @dedup_key, @payload, @recipient_id, " +
        "@status, @attempts, @next_attempt_at, @lease_owner, @lease_until, @last_error_code, @sent_at) ON CONFLICT (dedup_key) DO NOTHING";

    public const string AdvisoryLock = "SELECT pg_advisory_xact_lock(@key)";

    private const long TicksPerMicrosecond = TimeSpan.TicksPerMicrosecond;

    private CaseStoreSql(bool postgres) => IsPostgres = postgres;

    public bool IsPostgres { get; }

    public static CaseStoreSql For(PestProtocolDbContext db) => db is PostgresPestProtocolDbContext ? Postgres : Sqlite;

    /// <summary>True for a unique or primary-key violation (SQLite 2067/1555, PostgreSQL 23505).</summary>
    public static bool IsUniqueViolation(Exception? ex) => ex switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode == 19 && sqlite.SqliteExtendedErrorCode is 2067 or 1555,
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        DbUpdateException update => IsUniqueViolation(update.InnerException),
        _ => false,
    };

    // ---- parameters: the values as the EF Core model stores them ----

    public void AddGuid(DbCommand command, string name, Guid value) =>
        Add(command, name, IsPostgres ? value : UpperText(value), IsPostgres ? DbType.Guid : DbType.String);

    public void AddGuid(DbCommand command, string name, Guid? value) =>
        Add(command, name, value is { } v ? (IsPostgres ? v : UpperText(v)) : DBNull.Value, IsPostgres ? DbType.Guid : DbType.String);

    public void AddTime(DbCommand command, string name, DateTimeOffset value)
    {
        var ticks = value.UtcTicks - (value.UtcTicks % TicksPerMicrosecond);
        Add(command, name, IsPostgres ? new DateTimeOffset(ticks, TimeSpan.Zero) : ticks, IsPostgres ? DbType.DateTimeOffset : DbType.Int64);
    }

    public void AddTime(DbCommand command, string name, DateTimeOffset? value)
    {
        if (value is { } v)
        {
            AddTime(command, name, v);
        }
        else
        {
            Add(command, name, DBNull.Value, IsPostgres ? DbType.DateTimeOffset : DbType.Int64);
        }
    }

    public static void AddText(DbCommand command, string name, string? value) => Add(command, name, value is null ? DBNull.Value : value, DbType.String);

    public static void AddInt(DbCommand command, string name, int value) => Add(command, name, value, DbType.Int32);

    public static void AddLong(DbCommand command, string name, long value) => Add(command, name, value, DbType.Int64);

    public static void AddBool(DbCommand command, string name, bool value) => Add(command, name, value, DbType.Boolean);

    public static void AddBool(DbCommand command, string name, bool? value) => Add(command, name, value is { } v ? v : DBNull.Value, DbType.Boolean);

    /// <summary>An enum as its name (EF Core's <c>HasConversion&lt;string&gt;()</c>); null stays null.</summary>
    public static void AddName<TEnum>(DbCommand command, string name, TEnum? value)
        where TEnum : struct, Enum =>
        Add(command, name, value is { } v ? v.ToString() : DBNull.Value, DbType.String);

    public static void AddName<TEnum>(DbCommand command, string name, TEnum value)
        where TEnum : struct, Enum =>
        Add(command, name, value.ToString(), DbType.String);

    // ---- rows ----

    /// <summary>The parameters of <see cref="InsertCase"/> / <see cref="UpdateCase"/> (without <c>@old_version</c>).</summary>
    public void AddCaseParameters(DbCommand command, CaseRecord r, bool withCode)
    {
        AddGuid(command, "@id", r.Id);
        if (withCode)
        {
            AddInt(command, "@case_year", r.CaseYear);
            AddInt(command, "@case_number", r.CaseNumber);
        }

        AddText(command, "@student_ref", r.StudentRef);
        AddText(command, "@class_name", r.ClassName);
        AddText(command, "@location_id", r.LocationId);
        AddText(command, "@signalled_by_staff_id", r.SignalledByStaffId);
        AddName(command, "@signalled_by_role", r.SignalledByRole);
        AddText(command, "@owner_staff_id", r.OwnerStaffId);
        AddName(command, "@owner_role", r.OwnerRole);
        AddName(command, "@trigger", r.Trigger);
        AddText(command, "@signal_ids", r.SignalIds);
        AddBool(command, "@is_digital", r.IsDigital);
        AddText(command, "@description", r.Description);
        AddTime(command, "@opened_at", r.OpenedAt);
        AddName(command, "@current_step", r.CurrentStep);
        AddName(command, "@step3_route", r.Step3Route);
        AddName(command, "@step4_route", r.Step4Route);
        AddBool(command, "@switched_from_route_e", r.SwitchedFromRouteE);
        AddName(command, "@step_before_close", r.StepBeforeClose);
        AddTime(command, "@next_follow_up_date", r.NextFollowUpDate);
        AddTime(command, "@last_activity_at", r.LastActivityAt);
        AddInt(command, "@version", r.Version);
    }

    public void AddDossierParameters(DbCommand command, DossierEntryRecord r)
    {
        AddGuid(command, "@id", r.Id);
        AddGuid(command, "@case_id", r.CaseId);
        AddInt(command, "@sequence", r.Sequence);
        AddName(command, "@step", r.Step);
        AddName(command, "@kind", r.Kind);
        AddText(command, "@actor_staff_id", r.ActorStaffId);
        AddName(command, "@actor_role", r.ActorRole);
        AddTime(command, "@recorded_at", r.RecordedAt);
        AddText(command, "@text", r.Text);
        AddText(command, "@participants", r.Participants);
        AddText(command, "@agreements", r.Agreements);
        AddText(command, "@parents_informed_by_staff_id", r.ParentsInformedByStaffId);
        AddTime(command, "@parents_informed_at", r.ParentsInformedAt);
        AddName(command, "@parents_contact_method", r.ParentsContactMethod);
        AddText(command, "@parents_who_takes_which_steps", r.ParentsWhoTakesWhichSteps);
        AddTime(command, "@follow_up_date", r.FollowUpDate);
        AddGuid(command, "@correction_of", r.CorrectionOf);
        AddName(command, "@route", r.Route);
        AddText(command, "@checklist_item_ids", r.ChecklistItemIds);
        AddText(command, "@informed_roles", r.InformedRoles);
        AddBool(command, "@chosen_with_student", r.ChosenWithStudent);
        AddBool(command, "@digital_tips_given", r.DigitalTipsGiven);
        AddText(command, "@punishment", r.Punishment);
        AddText(command, "@punishment_decided_by_staff_id", r.PunishmentDecidedByStaffId);
        AddText(command, "@other_school_contact", r.OtherSchoolContact);
        AddBool(command, "@agreements_kept", r.AgreementsKept);
        AddBool(command, "@bullying_persists", r.BullyingPersists);
        AddBool(command, "@suspect_admitted", r.SuspectAdmitted);
        AddText(command, "@signatures", r.Signatures);
    }

    public void AddMemberParameters(DbCommand command, Guid caseId, CaseMember member, DateTimeOffset addedAt)
    {
        AddGuid(command, "@case_id", caseId);
        AddText(command, "@staff_id", member.StaffId);
        AddName(command, "@role", member.Role);
        AddTime(command, "@added_at", addedAt);
    }

    public void AddOutboxParameters(DbCommand command, OutboxMessage m)
    {
        AddGuid(command, "@id", m.Id);
        AddTime(command, "@created_at", m.CreatedAt);
        AddText(command, "@kind", m.Kind);
        AddText(command, "@dedup_key", m.DedupKey);
        AddText(command, "@payload", m.Payload);
        AddText(command, "@recipient_id", m.RecipientId);
        AddName(command, "@status", m.Status);
        AddInt(command, "@attempts", m.Attempts);
        AddTime(command, "@next_attempt_at", m.NextAttemptAt);
        AddText(command, "@lease_owner", m.LeaseOwner);
        AddTime(command, "@lease_until", m.LeaseUntil);
        AddText(command, "@last_error_code", m.LastErrorCode);
        AddTime(command, "@sent_at", m.SentAt);
    }

    /// <summary>One row of <see cref="SelectCase"/>.</summary>
    public CaseRecord ReadCase(DbDataReader reader) => new()
    {
        Id = reader.GetGuid(0),
        CaseYear = reader.GetInt32(1),
        CaseNumber = reader.GetInt32(2),
        StudentRef = reader.GetString(3),
        ClassName = reader.GetString(4),
        LocationId = reader.GetString(5),
        SignalledByStaffId = reader.GetString(6),
        SignalledByRole = Enum.Parse<StaffRole>(reader.GetString(7)),
        OwnerStaffId = reader.GetString(8),
        OwnerRole = Enum.Parse<StaffRole>(reader.GetString(9)),
        Trigger = Enum.Parse<SuspicionTrigger>(reader.GetString(10)),
        SignalIds = reader.GetString(11),
        IsDigital = reader.GetBoolean(12),
        Description = reader.GetString(13),
        OpenedAt = Time(reader, 14),
        CurrentStep = Enum.Parse<ProtocolStep>(reader.GetString(15)),
        Step3Route = NameOrNull<Route>(reader, 16),
        Step4Route = NameOrNull<Route>(reader, 17),
        SwitchedFromRouteE = reader.GetBoolean(18),
        StepBeforeClose = NameOrNull<ProtocolStep>(reader, 19),
        NextFollowUpDate = TimeOrNull(reader, 20),
        LastActivityAt = Time(reader, 21),
        Version = reader.GetInt32(22),
    };

    /// <summary>One row of <see cref="SelectDossier"/>.</summary>
    public DossierEntryRecord ReadDossierEntry(DbDataReader reader) => new()
    {
        Id = reader.GetGuid(0),
        CaseId = reader.GetGuid(1),
        Sequence = reader.GetInt32(2),
        Step = Enum.Parse<ProtocolStep>(reader.GetString(3)),
        Kind = Enum.Parse<DossierEntryKind>(reader.GetString(4)),
        ActorStaffId = reader.GetString(5),
        ActorRole = Enum.Parse<StaffRole>(reader.GetString(6)),
        RecordedAt = Time(reader, 7),
        Text = reader.GetString(8),
        Participants = reader.GetString(9),
        Agreements = reader.GetString(10),
        ParentsInformedByStaffId = TextOrNull(reader, 11),
        ParentsInformedAt = TimeOrNull(reader, 12),
        ParentsContactMethod = NameOrNull<ParentContactMethod>(reader, 13),
        ParentsWhoTakesWhichSteps = TextOrNull(reader, 14),
        FollowUpDate = TimeOrNull(reader, 15),
        CorrectionOf = reader.IsDBNull(16) ? null : reader.GetGuid(16),
        Route = NameOrNull<Route>(reader, 17),
        ChecklistItemIds = reader.GetString(18),
        InformedRoles = reader.GetString(19),
        ChosenWithStudent = reader.GetBoolean(20),
        DigitalTipsGiven = reader.GetBoolean(21),
        Punishment = TextOrNull(reader, 22),
        PunishmentDecidedByStaffId = TextOrNull(reader, 23),
        OtherSchoolContact = TextOrNull(reader, 24),
        AgreementsKept = reader.IsDBNull(25) ? null : reader.GetBoolean(25),
        BullyingPersists = reader.IsDBNull(26) ? null : reader.GetBoolean(26),
        SuspectAdmitted = reader.IsDBNull(27) ? null : reader.GetBoolean(27),
        Signatures = reader.GetString(28),
    };

    /// <summary>A time column as the EF Core model reads it: UTC.</summary>
    public DateTimeOffset Time(DbDataReader reader, int ordinal) => IsPostgres
        ? reader.GetFieldValue<DateTimeOffset>(ordinal).ToUniversalTime()
        : new DateTimeOffset(reader.GetInt64(ordinal), TimeSpan.Zero);

    public DateTimeOffset? TimeOrNull(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : Time(reader, ordinal);

    private static string? TextOrNull(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static TEnum? NameOrNull<TEnum>(DbDataReader reader, int ordinal)
        where TEnum : struct, Enum =>
        reader.IsDBNull(ordinal) ? null : Enum.Parse<TEnum>(reader.GetString(ordinal));

    private static string UpperText(Guid value) => value.ToString("D").ToUpperInvariant();

    private static void Add(DbCommand command, string name, object value, DbType type)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.DbType = type;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}

/// <summary>
/// The context's connection, opened (or kept open) for a few plain commands, in the context's current transaction when
/// there is one (a turn's <see cref="Storage.TurnUnitOfWork"/>, or a store's own). Disposing closes it only if this opened it.
/// </summary>
internal readonly struct SqlSession : IAsyncDisposable
{
    private readonly PestProtocolDbContext _db;
    private readonly DbConnection _connection;

    private SqlSession(PestProtocolDbContext db)
    {
        _db = db;
        _connection = db.Database.GetDbConnection();
        Sql = CaseStoreSql.For(db);
    }

    public CaseStoreSql Sql { get; }

    /// <summary>The context this session runs on.</summary>
    internal PestProtocolDbContext Db => _db;

    public static async ValueTask<SqlSession> OpenAsync(PestProtocolDbContext db, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return new SqlSession(db);
    }

    /// <summary>A command with this text, in the context's current transaction.</summary>
    public DbCommand Command(string sql)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = _db.Database.CurrentTransaction?.GetDbTransaction();
        return command;
    }

    public static Task<int> ExecuteAsync(DbCommand command, CancellationToken cancellationToken) =>
        TracedAsync(command, static (c, ct) => c.ExecuteNonQueryAsync(ct), cancellationToken);

    public static Task<object?> ScalarAsync(DbCommand command, CancellationToken cancellationToken) =>
        TracedAsync(command, static (c, ct) => c.ExecuteScalarAsync(ct), cancellationToken);

    public static Task<DbDataReader> ReaderAsync(DbCommand command, CancellationToken cancellationToken) =>
        TracedAsync(command, static (c, ct) => c.ExecuteReaderAsync(ct), cancellationToken);

    /// <summary>
    /// Runs a batch (<see cref="SqlWrites"/>) and reports each of its statements to <see cref="CaseStoreSql.Trace"/> as the
    /// command it was built from (text and connection), as run or as refused, like a single command.
    /// </summary>
    public static Task<int> BatchAsync(DbBatch batch, IReadOnlyList<DbCommand> commands, CancellationToken cancellationToken) =>
        TracedAsync(batch, commands, static (b, ct) => b.ExecuteNonQueryAsync(ct), cancellationToken);

    /// <inheritdoc cref="BatchAsync"/>
    public static Task<DbDataReader> BatchReaderAsync(DbBatch batch, IReadOnlyList<DbCommand> commands, CancellationToken cancellationToken) =>
        TracedAsync(batch, commands, static (b, ct) => b.ExecuteReaderAsync(ct), cancellationToken);

    /// <summary>
    /// One batch of <paramref name="commands"/> (made by <see cref="Command"/>, so on the same connection and transaction),
    /// in order: each command's text and parameters move into it (the command keeps its text for the trace).
    /// </summary>
    public static DbBatch ToBatch(IReadOnlyList<DbCommand> commands)
    {
        var first = commands[0];
        var batch = first.Connection!.CreateBatch();
        batch.Transaction = first.Transaction;
        foreach (var command in commands)
        {
            var part = batch.CreateBatchCommand();
            part.CommandText = command.CommandText;
            var parameters = new DbParameter[command.Parameters.Count];
            command.Parameters.CopyTo(parameters, 0);
            command.Parameters.Clear();
            part.Parameters.AddRange(parameters);
            batch.BatchCommands.Add(part);
        }

        return batch;
    }

    public async ValueTask DisposeAsync() => await _db.Database.CloseConnectionAsync().ConfigureAwait(false);

    private static async Task<T> TracedAsync<T>(DbBatch batch, IReadOnlyList<DbCommand> commands, Func<DbBatch, CancellationToken, Task<T>> run, CancellationToken cancellationToken)
    {
        try
        {
            var result = await run(batch, cancellationToken).ConfigureAwait(false);
            foreach (var command in commands)
            {
                Traced(command, "Command");
            }

            return result;
        }
        catch (DbException)
        {
            foreach (var command in commands)
            {
                Traced(command, "CommandFailed");
            }

            throw;
        }
    }

    /// <summary>Runs the command and reports it to <see cref="CaseStoreSql.Trace"/> as run or as refused by the database.</summary>
    private static async Task<T> TracedAsync<T>(DbCommand command, Func<DbCommand, CancellationToken, Task<T>> run, CancellationToken cancellationToken)
    {
        try
        {
            var result = await run(command, cancellationToken).ConfigureAwait(false);
            Traced(command, "Command");
            return result;
        }
        catch (DbException)
        {
            Traced(command, "CommandFailed");
            throw;
        }
    }

    private static void Traced(DbCommand command, string name)
    {
        if (CaseStoreSql.Trace.IsEnabled(name))
        {
            CaseStoreSql.Trace.Write(name, command);
        }
    }
}

/// <summary>
/// The writes of one case save, in order. On SQLite (in-process: no round trips to save) each runs at once, as before. On
/// PostgreSQL they are kept and sent together in one <see cref="DbBatch"/> at <see cref="FlushAsync"/> (or ahead of a
/// read that must follow them, <see cref="ReadAfterAsync"/>): one round trip for the case row, its dossier entries, its
/// members, the outbox's advisory locks and its rows, in the same transaction and the same order. A statement the
/// database refuses fails the batch (and, on PostgreSQL, the transaction) as it would have failed alone; row counts
/// reach their check when they are known (<see cref="ExecuteAsync"/>).
/// </summary>
internal sealed class SqlWrites : IAsyncDisposable
{
    /// <summary>The writes kept (PostgreSQL) on each context, so a read that must follow them can go out with them.</summary>
    private static readonly ConditionalWeakTable<PestProtocolDbContext, SqlWrites> Kept = [];

    private readonly bool _batch;
    private readonly PestProtocolDbContext? _db;
    private readonly List<(DbCommand Command, Action<int>? Affected)> _pending = [];

    public SqlWrites(SqlSession session)
    {
        _batch = session.Sql.IsPostgres;
        if (_batch)
        {
            _db = session.Db;
            Kept.AddOrUpdate(_db, this);
        }
    }

    /// <summary>
    /// Runs <paramref name="query"/> after every write kept on the session's context, and hands its rows to
    /// <paramref name="read"/>. On PostgreSQL the query goes as the LAST statement of the writes' batch: one round trip,
    /// and the statements of a batch run in order (each with its own snapshot under READ COMMITTED), so the query sees
    /// the database as after the writes, with the row locks they took held. The writes' row-count checks run once the
    /// rows are read (a failed check throws here, as <see cref="FlushAsync"/> would). With nothing kept (and on SQLite,
    /// where the writes already ran) the query runs alone.
    /// </summary>
    public static async Task ReadAfterAsync(SqlSession session, DbCommand query, Func<DbDataReader, CancellationToken, Task> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(read);
        if (session.Sql.IsPostgres && Kept.TryGetValue(session.Db, out var writes) && writes._pending.Count > 0)
        {
            await writes.FlushAsync(query, read, cancellationToken).ConfigureAwait(false);
            return;
        }

        var reader = await SqlSession.ReaderAsync(query, cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            await read(reader, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Runs <paramref name="command"/> (now, or at <see cref="FlushAsync"/>) and then hands its row count to
    /// <paramref name="affected"/>. Takes the command over: it is disposed here.
    /// </summary>
    public async Task ExecuteAsync(DbCommand command, Action<int>? affected, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (_batch)
        {
            _pending.Add((command, affected));
            return;
        }

        await using (command.ConfigureAwait(false))
        {
            var rows = await SqlSession.ExecuteAsync(command, cancellationToken).ConfigureAwait(false);
            affected?.Invoke(rows);
        }
    }

    /// <summary>Sends what is kept (PostgreSQL) as one batch, then runs the row-count checks in order.</summary>
    public Task FlushAsync(CancellationToken cancellationToken) => FlushAsync(null, null, cancellationToken);

    private async Task FlushAsync(DbCommand? query, Func<DbDataReader, CancellationToken, Task>? read, CancellationToken cancellationToken)
    {
        if (_pending.Count == 0)
        {
            return;
        }

        var pending = _pending.ToArray();
        _pending.Clear();
        try
        {
            if (pending.Length == 1 && query is null)
            {
                var rows = await SqlSession.ExecuteAsync(pending[0].Command, cancellationToken).ConfigureAwait(false);
                pending[0].Affected?.Invoke(rows);
                return;
            }

            var commands = new DbCommand[pending.Length + (query is null ? 0 : 1)];
            for (var i = 0; i < pending.Length; i++)
            {
                commands[i] = pending[i].Command;
            }

            if (query is not null)
            {
                commands[^1] = query;
            }

            var batch = SqlSession.ToBatch(commands);
            await using (batch.ConfigureAwait(false))
            {
                if (query is null)
                {
                    await SqlSession.BatchAsync(batch, commands, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    // The writes return no result set: the reader starts at the query's rows.
                    var reader = await SqlSession.BatchReaderAsync(batch, commands, cancellationToken).ConfigureAwait(false);
                    await using (reader.ConfigureAwait(false))
                    {
                        await read!(reader, cancellationToken).ConfigureAwait(false);
                    }
                }

                for (var i = 0; i < pending.Length; i++)
                {
                    pending[i].Affected?.Invoke(batch.BatchCommands[i].RecordsAffected);
                }
            }
        }
        finally
        {
            foreach (var (command, _) in pending)
            {
                await command.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>Drops what was never sent (a save that failed before its flush).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_db is not null && Kept.TryGetValue(_db, out var kept) && ReferenceEquals(kept, this))
        {
            Kept.Remove(_db);
        }

        foreach (var (command, _) in _pending)
        {
            await command.DisposeAsync().ConfigureAwait(false);
        }

        _pending.Clear();
    }
}
