using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PestProtocol.Bot.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RecordsFeature : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "dossier_access_log",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    case_id = table.Column<Guid>(type: "uuid", nullable: true),
                    location_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    staff_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    from_sequence = table.Column<int>(type: "integer", nullable: true),
                    to_sequence = table.Column<int>(type: "integer", nullable: true),
                    subject_ref = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_dossier_access_log", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "job_leases",
                columns: table => new
                {
                    name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    owner = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    next_run_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_job_leases", x => x.name);
                });

            migrationBuilder.CreateIndex(
                name: "ix_dossier_access_log_at",
                table: "dossier_access_log",
                column: "at");

            migrationBuilder.CreateIndex(
                name: "ix_dossier_access_log_case_id_at",
                table: "dossier_access_log",
                columns: new[] { "case_id", "at" });

            // The access log is insert-only: nobody changes a line, not even through SQL from the app.
            migrationBuilder.Sql("""
                CREATE FUNCTION dossier_access_log_no_update() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'dossier_access_log is insert-only';
                END;
                $$;
                CREATE TRIGGER trg_dossier_access_log_no_update BEFORE UPDATE ON dossier_access_log
                    FOR EACH ROW EXECUTE FUNCTION dossier_access_log_no_update();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS trg_dossier_access_log_no_update ON dossier_access_log; DROP FUNCTION IF EXISTS dossier_access_log_no_update();");

            migrationBuilder.DropTable(
                name: "dossier_access_log");

            migrationBuilder.DropTable(
                name: "job_leases");
        }
    }
}
