using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PestProtocol.Bot.Persistence.Migrations.Sqlite
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
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    case_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    location_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    staff_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    at = table.Column<long>(type: "INTEGER", nullable: false),
                    from_sequence = table.Column<int>(type: "INTEGER", nullable: true),
                    to_sequence = table.Column<int>(type: "INTEGER", nullable: true),
                    subject_ref = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_dossier_access_log", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "job_leases",
                columns: table => new
                {
                    name = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    owner = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    next_run_at = table.Column<long>(type: "INTEGER", nullable: false)
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
            migrationBuilder.Sql("CREATE TRIGGER trg_dossier_access_log_no_update BEFORE UPDATE ON dossier_access_log BEGIN SELECT RAISE(ABORT, 'dossier_access_log is insert-only'); END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS trg_dossier_access_log_no_update;");

            migrationBuilder.DropTable(
                name: "dossier_access_log");

            migrationBuilder.DropTable(
                name: "job_leases");
        }
    }
}
