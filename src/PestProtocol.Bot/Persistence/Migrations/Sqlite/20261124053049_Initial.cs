using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PestProtocol.Bot.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "alert_cards",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    subject_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    recipient_id = table.Column<string>(type: "TEXT", nullable: false),
                    conversation_id = table.Column<string>(type: "TEXT", nullable: false),
                    activity_id = table.Column<string>(type: "TEXT", nullable: false),
                    posted_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_alert_cards", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "cases",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    case_year = table.Column<int>(type: "INTEGER", nullable: false),
                    case_number = table.Column<int>(type: "INTEGER", nullable: false),
                    student_ref = table.Column<string>(type: "TEXT", nullable: false),
                    class_name = table.Column<string>(type: "TEXT", nullable: false),
                    location_id = table.Column<string>(type: "TEXT", nullable: false),
                    signalled_by_staff_id = table.Column<string>(type: "TEXT", nullable: false),
                    signalled_by_role = table.Column<string>(type: "TEXT", nullable: false),
                    trigger = table.Column<string>(type: "TEXT", nullable: false),
                    signal_ids = table.Column<string>(type: "TEXT", nullable: false),
                    is_digital = table.Column<bool>(type: "INTEGER", nullable: false),
                    description = table.Column<string>(type: "TEXT", nullable: false),
                    opened_at = table.Column<long>(type: "INTEGER", nullable: false),
                    current_step = table.Column<string>(type: "TEXT", nullable: false),
                    step3_route = table.Column<string>(type: "TEXT", nullable: true),
                    step4_route = table.Column<string>(type: "TEXT", nullable: true),
                    switched_from_route_e = table.Column<bool>(type: "INTEGER", nullable: false),
                    step_before_close = table.Column<string>(type: "TEXT", nullable: true),
                    next_follow_up_date = table.Column<long>(type: "INTEGER", nullable: true),
                    last_activity_at = table.Column<long>(type: "INTEGER", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_cases", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "conversation_references",
                columns: table => new
                {
                    user_aad_object_id = table.Column<string>(type: "TEXT", nullable: false),
                    reference = table.Column<string>(type: "TEXT", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_conversation_references", x => x.user_aad_object_id);
                });

            migrationBuilder.CreateTable(
                name: "outbox_messages",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    kind = table.Column<string>(type: "TEXT", nullable: false),
                    dedup_key = table.Column<string>(type: "TEXT", nullable: false),
                    payload = table.Column<string>(type: "TEXT", nullable: false),
                    recipient_id = table.Column<string>(type: "TEXT", nullable: true),
                    status = table.Column<string>(type: "TEXT", nullable: false),
                    attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    next_attempt_at = table.Column<long>(type: "INTEGER", nullable: false),
                    lease_owner = table.Column<string>(type: "TEXT", nullable: true),
                    lease_until = table.Column<long>(type: "INTEGER", nullable: true),
                    last_error_code = table.Column<string>(type: "TEXT", nullable: true),
                    sent_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_outbox_messages", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "case_members",
                columns: table => new
                {
                    case_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    staff_id = table.Column<string>(type: "TEXT", nullable: false),
                    role = table.Column<string>(type: "TEXT", nullable: false),
                    added_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_case_members", x => new { x.case_id, x.staff_id, x.role });
                    table.ForeignKey(
                        name: "fk_case_members_cases",
                        column: x => x.case_id,
                        principalTable: "cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "dossier_entries",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    case_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    step = table.Column<string>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", nullable: false),
                    actor_staff_id = table.Column<string>(type: "TEXT", nullable: false),
                    actor_role = table.Column<string>(type: "TEXT", nullable: false),
                    recorded_at = table.Column<long>(type: "INTEGER", nullable: false),
                    text = table.Column<string>(type: "TEXT", nullable: false),
                    participants = table.Column<string>(type: "TEXT", nullable: false),
                    agreements = table.Column<string>(type: "TEXT", nullable: false),
                    parents_informed_by_staff_id = table.Column<string>(type: "TEXT", nullable: true),
                    parents_informed_at = table.Column<long>(type: "INTEGER", nullable: true),
                    parents_contact_method = table.Column<string>(type: "TEXT", nullable: true),
                    parents_who_takes_which_steps = table.Column<string>(type: "TEXT", nullable: true),
                    follow_up_date = table.Column<long>(type: "INTEGER", nullable: true),
                    correction_of = table.Column<Guid>(type: "TEXT", nullable: true),
                    route = table.Column<string>(type: "TEXT", nullable: true),
                    checklist_item_ids = table.Column<string>(type: "TEXT", nullable: false),
                    informed_roles = table.Column<string>(type: "TEXT", nullable: false),
                    chosen_with_student = table.Column<bool>(type: "INTEGER", nullable: false),
                    digital_tips_given = table.Column<bool>(type: "INTEGER", nullable: false),
                    punishment = table.Column<string>(type: "TEXT", nullable: true),
                    punishment_decided_by_staff_id = table.Column<string>(type: "TEXT", nullable: true),
                    other_school_contact = table.Column<string>(type: "TEXT", nullable: true),
                    agreements_kept = table.Column<bool>(type: "INTEGER", nullable: true),
                    bullying_persists = table.Column<bool>(type: "INTEGER", nullable: true),
                    suspect_admitted = table.Column<bool>(type: "INTEGER", nullable: true),
                    signatures = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_dossier_entries", x => x.id);
                    table.ForeignKey(
                        name: "fk_dossier_entries_cases",
                        column: x => x.case_id,
                        principalTable: "cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ux_alert_cards_subject_id_recipient_id",
                table: "alert_cards",
                columns: new[] { "subject_id", "recipient_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_case_members_staff_id",
                table: "case_members",
                column: "staff_id");

            migrationBuilder.CreateIndex(
                name: "ix_cases_location_id_current_step",
                table: "cases",
                columns: new[] { "location_id", "current_step" });

            migrationBuilder.CreateIndex(
                name: "ux_cases_location_id_case_year_case_number",
                table: "cases",
                columns: new[] { "location_id", "case_year", "case_number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ux_dossier_entries_case_id_sequence",
                table: "dossier_entries",
                columns: new[] { "case_id", "sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_status_next_attempt_at",
                table: "outbox_messages",
                columns: new[] { "status", "next_attempt_at" });

            migrationBuilder.CreateIndex(
                name: "ux_outbox_messages_dedup_key",
                table: "outbox_messages",
                column: "dedup_key",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "alert_cards");

            migrationBuilder.DropTable(
                name: "case_members");

            migrationBuilder.DropTable(
                name: "conversation_references");

            migrationBuilder.DropTable(
                name: "dossier_entries");

            migrationBuilder.DropTable(
                name: "outbox_messages");

            migrationBuilder.DropTable(
                name: "cases");
        }
    }
}
