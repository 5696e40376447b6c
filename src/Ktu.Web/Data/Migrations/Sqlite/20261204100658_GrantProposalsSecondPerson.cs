using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ktu.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class GrantProposalsSecondPerson : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "GrantProposals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    GrantDecisionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ApplicationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<int>(type: "INTEGER", nullable: false),
                    EmbeteId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    SchemeYear = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    PaidOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    ProposedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ProposedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    ProposedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    ClosedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ClosedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    ClosedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GrantProposals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_GrantProposals_GrantDecisions_GrantDecisionId",
                        column: x => x.GrantDecisionId,
                        principalTable: "GrantDecisions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_GrantProposals_GrantDecisionId_Kind",
                table: "GrantProposals",
                columns: new[] { "GrantDecisionId", "Kind" },
                unique: true,
                filter: "\"Status\" = 0");

            migrationBuilder.CreateIndex(
                name: "IX_GrantProposals_SchemeYear_EmbeteId",
                table: "GrantProposals",
                columns: new[] { "SchemeYear", "EmbeteId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "GrantProposals");
        }
    }
}
