using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PestProtocol.Bot.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AnonymousReports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "anonymous_reports",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    code = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    passphrase_hash = table.Column<string>(type: "TEXT", nullable: false),
                    location_id = table.Column<string>(type: "TEXT", nullable: false),
                    what_happened = table.Column<string>(type: "TEXT", nullable: false),
                    about = table.Column<string>(type: "TEXT", nullable: false),
                    place = table.Column<string>(type: "TEXT", nullable: false),
                    platform = table.Column<string>(type: "TEXT", nullable: true),
                    since = table.Column<string>(type: "TEXT", nullable: false),
                    frequency = table.Column<string>(type: "TEXT", nullable: false),
                    who_does_it = table.Column<string>(type: "TEXT", nullable: true),
                    who_is_targeted = table.Column<string>(type: "TEXT", nullable: true),
                    is_digital = table.Column<bool>(type: "INTEGER", nullable: false),
                    received_at = table.Column<long>(type: "INTEGER", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    taken_by_staff_id = table.Column<string>(type: "TEXT", nullable: true),
                    case_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    close_reason = table.Column<string>(type: "TEXT", nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_anonymous_reports", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "anonymous_unlock_throttles",
                columns: table => new
                {
                    code = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    window_start = table.Column<long>(type: "INTEGER", nullable: false),
                    failures = table.Column<int>(type: "INTEGER", nullable: false),
                    locked_until = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_anonymous_unlock_throttles", x => x.code);
                });

            migrationBuilder.CreateTable(
                name: "anonymous_report_messages",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    report_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    author = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    staff_id = table.Column<string>(type: "TEXT", nullable: true),
                    text = table.Column<string>(type: "TEXT", nullable: false),
                    written_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_anonymous_report_messages", x => x.id);
                    table.ForeignKey(
                        name: "fk_anonymous_report_messages_anonymous_reports",
                        column: x => x.report_id,
                        principalTable: "anonymous_reports",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ux_anonymous_report_messages_report_id_sequence",
                table: "anonymous_report_messages",
                columns: new[] { "report_id", "sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_anonymous_reports_location_id_status",
                table: "anonymous_reports",
                columns: new[] { "location_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ux_anonymous_reports_code",
                table: "anonymous_reports",
                column: "code",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "anonymous_report_messages");

            migrationBuilder.DropTable(
                name: "anonymous_unlock_throttles");

            migrationBuilder.DropTable(
                name: "anonymous_reports");
        }
    }
}
