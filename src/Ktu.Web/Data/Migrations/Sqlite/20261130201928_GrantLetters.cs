using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ktu.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class GrantLetters : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "GrantLetters",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    GrantDecisionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ApplicationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<int>(type: "INTEGER", nullable: false),
                    EmbeteId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    SchemeYear = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    LetterDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ReplacesLetterDated = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    TemplateJson = table.Column<string>(type: "TEXT", nullable: false),
                    TemplateSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Pdf = table.Column<byte[]>(type: "BLOB", nullable: false),
                    PdfSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    CreatedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GrantLetters", x => x.Id);
                    table.ForeignKey(
                        name: "FK_GrantLetters_GrantDecisions_GrantDecisionId",
                        column: x => x.GrantDecisionId,
                        principalTable: "GrantDecisions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "GrantPayments",
                columns: table => new
                {
                    GrantDecisionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EmbeteId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    SchemeYear = table.Column<int>(type: "INTEGER", nullable: false),
                    Amount = table.Column<long>(type: "INTEGER", nullable: false),
                    PaidOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    MarkedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    MarkedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    MarkedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GrantPayments", x => x.GrantDecisionId);
                    table.ForeignKey(
                        name: "FK_GrantPayments_GrantDecisions_GrantDecisionId",
                        column: x => x.GrantDecisionId,
                        principalTable: "GrantDecisions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "LetterTemplates",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    EmbeteId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    SchemeYear = table.Column<int>(type: "INTEGER", nullable: false),
                    EmbeteTextsJson = table.Column<string>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LetterTemplates", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LetterTemplates_Embeter_EmbeteId",
                        column: x => x.EmbeteId,
                        principalTable: "Embeter",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_LetterTemplates_SchemeYears_SchemeYear",
                        column: x => x.SchemeYear,
                        principalTable: "SchemeYears",
                        principalColumn: "Year",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_GrantLetters_ApplicationId",
                table: "GrantLetters",
                column: "ApplicationId");

            migrationBuilder.CreateIndex(
                name: "IX_GrantLetters_GrantDecisionId_Version",
                table: "GrantLetters",
                columns: new[] { "GrantDecisionId", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_GrantLetters_SchemeYear_EmbeteId",
                table: "GrantLetters",
                columns: new[] { "SchemeYear", "EmbeteId" });

            migrationBuilder.CreateIndex(
                name: "IX_GrantPayments_SchemeYear_EmbeteId",
                table: "GrantPayments",
                columns: new[] { "SchemeYear", "EmbeteId" });

            migrationBuilder.CreateIndex(
                name: "IX_LetterTemplates_EmbeteId_SchemeYear",
                table: "LetterTemplates",
                columns: new[] { "EmbeteId", "SchemeYear" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LetterTemplates_SchemeYear",
                table: "LetterTemplates",
                column: "SchemeYear");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "GrantLetters");

            migrationBuilder.DropTable(
                name: "GrantPayments");

            migrationBuilder.DropTable(
                name: "LetterTemplates");
        }
    }
}
