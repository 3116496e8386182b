using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClinicalGAM.Storage.Migrations
{
    /// <inheritdoc />
    public partial class AddExternalValidations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ExternalValidations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ModelId = table.Column<int>(type: "INTEGER", nullable: false),
                    CohortId = table.Column<int>(type: "INTEGER", nullable: true),
                    CohortName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RunUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Rows = table.Column<int>(type: "INTEGER", nullable: false),
                    Events = table.Column<int>(type: "INTEGER", nullable: false),
                    ExcludedRows = table.Column<int>(type: "INTEGER", nullable: false),
                    Auc = table.Column<double>(type: "REAL", nullable: true),
                    AucLow = table.Column<double>(type: "REAL", nullable: true),
                    AucHigh = table.Column<double>(type: "REAL", nullable: true),
                    LogLoss = table.Column<double>(type: "REAL", nullable: true),
                    Brier = table.Column<double>(type: "REAL", nullable: true),
                    CalibrationSlope = table.Column<double>(type: "REAL", nullable: true),
                    CalibrationIntercept = table.Column<double>(type: "REAL", nullable: true),
                    CalibrationJson = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ExternalValidations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ExternalValidations_Cohorts_CohortId",
                        column: x => x.CohortId,
                        principalTable: "Cohorts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_ExternalValidations_Models_ModelId",
                        column: x => x.ModelId,
                        principalTable: "Models",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ExternalValidations_CohortId",
                table: "ExternalValidations",
                column: "CohortId");

            migrationBuilder.CreateIndex(
                name: "IX_ExternalValidations_ModelId_RunUtc",
                table: "ExternalValidations",
                columns: new[] { "ModelId", "RunUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ExternalValidations");
        }
    }
}
