using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Data.Postgres;

namespace ClinicalGAM.Core.Tests.Data.Postgres;

/// <summary>The check made before a query reaches the server: one reading statement, nothing after it.</summary>
public class PostgresStatementTests
{
    [Theory]
    [InlineData("SELECT 1 AS a;  \n", "SELECT 1 AS a")]
    [InlineData("-- the cohort\n/* nested /* comment */ */ (select 1)", "-- the cohort\n/* nested /* comment */ */ (select 1)")]
    [InlineData("WITH x AS (SELECT 1 AS a) SELECT a FROM x", "WITH x AS (SELECT 1 AS a) SELECT a FROM x")]
    [InlineData("SELECT 'a;b' AS s, \"odd;name\", $$;$$ AS d, $t$ ; $t$ -- ;\n FROM t", "SELECT 'a;b' AS s, \"odd;name\", $$;$$ AS d, $t$ ; $t$ -- ;\n FROM t")]
    public void A_single_reading_statement_passes_without_its_trailing_semicolon(string sql, string expected) =>
        Assert.Equal(expected, PostgresStatement.Check(sql));

    [Theory]
    [InlineData("INSERT INTO person VALUES (1)", "starts with INSERT")]
    [InlineData("  /* sneaky */ DROP TABLE person", "starts with DROP")]
    [InlineData("SELECT 1;\nTRUNCATE person", "a ';' at line 1, column 9")]
    [InlineData("   ", "the query is empty")]
    [InlineData("-- only a comment", "the query is empty")]
    public void Anything_else_is_refused_saying_why(string sql, string why)
    {
        var e = Assert.Throws<CohortFormatException>(() => PostgresStatement.Check(sql));
        Assert.Contains(why, e.Message);
    }
}
