namespace ClinicalGAM.Core.Data;

/// <summary>What a cohort column holds, as a clinician or statistician would name it.</summary>
public enum ColumnKind
{
    /// <summary>A measured quantity (age, Hb, blood loss). Stored as double, NaN = missing.</summary>
    Numeric,
    /// <summary>Labels without order (delivery mode, ethnicity). Stored as level codes, -1 = missing.</summary>
    Categorical,
    /// <summary>Exactly two values (0/1, yes/no). Stored as double 0/1, NaN = missing.</summary>
    Binary,
    /// <summary>A calendar year or date; stored as a (fractional) year, NaN = missing.</summary>
    Date,
    /// <summary>High-cardinality text such as patient IDs; never a model feature by default.</summary>
    Identifier,
}
