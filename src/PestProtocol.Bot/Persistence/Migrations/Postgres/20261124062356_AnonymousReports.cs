using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PestProtocol.Bot.Persistence.Migrations.Postgres
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
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    code = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    passphrase_hash = table.Column<string>(type: "text", nullable: false),
                    location_id = table.Column<string>(type: "text", nullable: false),
                    what_happened = table.Column<string>(type: "text", nullable: false),
                    about = table.Column<string>(type: "text", nullable: false),
                    place = table.Column<string>(type: "text", nullable: false),
                    platform = table.Column<string>(type: "text", nullable: true),
                    since = table.Column<string>(type: "text", nullable: false),
                    frequency = table.Column<string>(type: "text", nullable: false),
                    who_does_it = table.Column<string>(type: "text", nullable: true),
                    who_is_targeted = table.Column<string>(type: "text", nullable: true),
                    is_digital = table.Column<bool>(type: "boolean", nullable: false),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    taken_by_staff_id = table.Column<string>(type: "text", nullable: true),
                    case_id = table.Column<Guid>(type: "uuid", nullable: true),
                    close_reason = table.Column<string>(type: "text", nullable: true),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_anonymous_reports", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "anonymous_unlock_throttles",
                columns: table => new
                {
                    code = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    window_start = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    failures = table.Column<int>(type: "integer", nullable: false),
                    locked_until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_anonymous_unlock_throttles", x => x.code);
                });

            migrationBuilder.CreateTable(
                name: "anonymous_report_messages",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    report_id = table.Column<Guid>(type: "uuid", nullable: false),
                    sequence = table.Column<int>(type: "integer", nullable: false),
                    author = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    staff_id = table.Column<string>(type: "text", nullable: true),
                    text = table.Column<string>(type: "text", nullable: false),
                    written_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
