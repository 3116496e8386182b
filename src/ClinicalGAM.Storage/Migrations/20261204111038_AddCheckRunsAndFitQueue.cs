using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClinicalGAM.Storage.Migrations
{
    /// <inheritdoc />
    public partial class AddCheckRunsAndFitQueue : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "CrossValidationFolds",
                table: "FitRuns",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "Name",
                table: "FitRuns",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "StartedBy",
                table: "FitRuns",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "StartedByUserId",
                table: "FitRuns",
                type: "TEXT",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "TestFraction",
                table: "FitRuns",
                type: "REAL",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CheckRuns",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProjectId = table.Column<int>(type: "INTEGER", nullable: false),
                    ModelId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    StartedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    StartedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    FinishedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Message = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CheckRuns", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CheckRuns_Models_ModelId",
                        column: x => x.ModelId,
                        principalTable: "Models",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CheckRuns_ModelId_Kind",
                table: "CheckRuns",
                columns: new[] { "ModelId", "Kind" });

            migrationBuilder.CreateIndex(
                name: "IX_CheckRuns_ProjectId",
                table: "CheckRuns",
                column: "ProjectId");

            migrationBuilder.CreateIndex(
                name: "IX_CheckRuns_Status",
                table: "CheckRuns",
                column: "Status");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CheckRuns");

            migrationBuilder.DropColumn(
                name: "CrossValidationFolds",
                table: "FitRuns");

            migrationBuilder.DropColumn(
                name: "Name",
                table: "FitRuns");

            migrationBuilder.DropColumn(
                name: "StartedBy",
                table: "FitRuns");

            migrationBuilder.DropColumn(
                name: "StartedByUserId",
                table: "FitRuns");

            migrationBuilder.DropColumn(
                name: "TestFraction",
                table: "FitRuns");
        }
    }
}
