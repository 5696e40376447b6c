using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ktu.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ClaimOffsetsAndTransferYears : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "MaxTransferYears",
                table: "SchemeYears",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<long>(
                name: "OffsetAmount",
                table: "RepaymentClaims",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "OffsetPaymentReference",
                table: "RepaymentClaims",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "SettledByOffset",
                table: "RepaymentClaims",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "ClaimOffsets",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RepaymentClaimId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PaymentDecisionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<int>(type: "INTEGER", nullable: false),
                    EmbeteId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Amount = table.Column<long>(type: "INTEGER", nullable: false),
                    OffsetOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    PaymentReference = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClaimOffsets", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ClaimOffsets_GrantDecisions_PaymentDecisionId",
                        column: x => x.PaymentDecisionId,
                        principalTable: "GrantDecisions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ClaimOffsets_RepaymentClaims_RepaymentClaimId",
                        column: x => x.RepaymentClaimId,
                        principalTable: "RepaymentClaims",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ClaimOffsets_PaymentDecisionId",
                table: "ClaimOffsets",
                column: "PaymentDecisionId");

            migrationBuilder.CreateIndex(
                name: "IX_ClaimOffsets_RepaymentClaimId_PaymentDecisionId",
                table: "ClaimOffsets",
                columns: new[] { "RepaymentClaimId", "PaymentDecisionId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ClaimOffsets");

            migrationBuilder.DropColumn(
                name: "MaxTransferYears",
                table: "SchemeYears");

            migrationBuilder.DropColumn(
                name: "OffsetAmount",
                table: "RepaymentClaims");

            migrationBuilder.DropColumn(
                name: "OffsetPaymentReference",
                table: "RepaymentClaims");

            migrationBuilder.DropColumn(
                name: "SettledByOffset",
                table: "RepaymentClaims");
        }
    }
}
