using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ktu.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class TransfersAndClaims : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "RepaymentClaims",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    GrantDecisionId = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<int>(type: "integer", nullable: false),
                    EmbeteId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    SchemeYear = table.Column<int>(type: "integer", nullable: false),
                    Basis = table.Column<int>(type: "integer", nullable: false),
                    Amount = table.Column<long>(type: "bigint", nullable: false),
                    Reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    DueDate = table.Column<DateOnly>(type: "date", nullable: false),
                    ChapterPost = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    OffsetAgainstNextGrant = table.Column<bool>(type: "boolean", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    ProposedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    ProposedByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    ProposedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    IssuedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    IssuedByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    IssuedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LetterPdf = table.Column<byte[]>(type: "bytea", nullable: true),
                    LetterSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    PaidOn = table.Column<DateOnly>(type: "date", nullable: true),
                    PaidMarkedByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RepaymentClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RepaymentClaims_GrantDecisions_GrantDecisionId",
                        column: x => x.GrantDecisionId,
                        principalTable: "GrantDecisions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "TransferDecisions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    GrantDecisionId = table.Column<Guid>(type: "uuid", nullable: false),
                    GrantReportId = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<int>(type: "integer", nullable: false),
                    EmbeteId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    FromYear = table.Column<int>(type: "integer", nullable: false),
                    ToYear = table.Column<int>(type: "integer", nullable: false),
                    Amount = table.Column<long>(type: "bigint", nullable: false),
                    Approved = table.Column<bool>(type: "boolean", nullable: false),
                    Reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    DecidedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    DecidedByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LetterPdf = table.Column<byte[]>(type: "bytea", nullable: false),
                    LetterSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TransferDecisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TransferDecisions_GrantDecisions_GrantDecisionId",
                        column: x => x.GrantDecisionId,
                        principalTable: "GrantDecisions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_RepaymentClaims_GrantDecisionId",
                table: "RepaymentClaims",
                column: "GrantDecisionId");

            migrationBuilder.CreateIndex(
                name: "IX_RepaymentClaims_SchemeYear_EmbeteId",
                table: "RepaymentClaims",
                columns: new[] { "SchemeYear", "EmbeteId" });

            migrationBuilder.CreateIndex(
                name: "IX_TransferDecisions_FromYear_EmbeteId",
                table: "TransferDecisions",
                columns: new[] { "FromYear", "EmbeteId" });

            migrationBuilder.CreateIndex(
                name: "IX_TransferDecisions_GrantDecisionId",
                table: "TransferDecisions",
                column: "GrantDecisionId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RepaymentClaims");

            migrationBuilder.DropTable(
                name: "TransferDecisions");
        }
    }
}
