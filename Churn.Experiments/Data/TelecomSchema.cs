namespace Churn.Experiments.Data;

/// <summary>Column groups of the Indian prepaid "Telecom Churn Case Study" file.</summary>
public enum TelecomColumnGroup
{
    /// <summary>Not a known column of the file.</summary>
    Unknown,
    /// <summary>mobile_number, circle_id.</summary>
    Id,
    /// <summary>loc_og_t2o_mou, std_og_t2o_mou, loc_ic_t2o_mou: no month, constant 0 or blank.</summary>
    NoMonthConstant,
    /// <summary>last_date_of_month_* (m/d/yyyy).</summary>
    MonthEndDate,
    /// <summary>arpu_* (INR, can be negative).</summary>
    Arpu,
    /// <summary>The 29 call-minute components a month (every *_mou_* but the totals, plus og_others, ic_others).</summary>
    CallMinuteComponent,
    /// <summary>total_og_mou_*, total_ic_mou_*.</summary>
    CallMinuteTotal,
    /// <summary>total_rech_num, total_rech_amt, max_rech_amt, last_day_rch_amt.</summary>
    Recharge,
    /// <summary>date_of_last_rech_* (m/d/yyyy).</summary>
    RechargeDate,
    /// <summary>The 10 data-recharge columns a month (date_of_last_rech_data, total_rech_data, max_rech_data,
    /// count_rech_2g/3g, av_rech_amt_data, arpu_2g/3g, night_pck_user, fb_user); blank = no data recharge.</summary>
    DataRecharge,
    /// <summary>vol_2g_mb_*, vol_3g_mb_* (MB).</summary>
    DataVolume,
    /// <summary>monthly_2g, sachet_2g, monthly_3g, sachet_3g pack counts.</summary>
    Packs,
    /// <summary>aon: age on network in days.</summary>
    Aon,
    /// <summary>jun_vbc_3g .. sep_vbc_3g: volume-based cost.</summary>
    Vbc,
}

/// <summary>
/// What we know about the columns of <c>telecom_churn_data.csv</c>: months 6-9 (June-September 2014)
/// as suffixes <c>_6</c>..<c>_9</c>, except the volume-based cost columns named <c>jun_vbc_3g</c>..<c>sep_vbc_3g</c>;
/// the column groups of the data description; dates in m/d/yyyy.
/// </summary>
public static class TelecomSchema
{
    public static IReadOnlyList<int> Months { get; } = [6, 7, 8, 9];

    /// <summary>The month whose behaviour defines churn (the "churn phase").</summary>
    public const int ChurnMonth = 9;

    public const string IdColumn = "mobile_number";
    public const string AonColumn = "aon";

    private static readonly string[] VbcPrefixes = ["jun", "jul", "aug", "sep"];

    /// <summary>Base names of the 29 call-minute components of a month, in file order.</summary>
    public static IReadOnlyList<string> CallMinuteComponents { get; } =
    [
        "onnet_mou", "offnet_mou", "roam_ic_mou", "roam_og_mou",
        "loc_og_t2t_mou", "loc_og_t2m_mou", "loc_og_t2f_mou", "loc_og_t2c_mou", "loc_og_mou",
        "std_og_t2t_mou", "std_og_t2m_mou", "std_og_t2f_mou", "std_og_t2c_mou", "std_og_mou",
        "isd_og_mou", "spl_og_mou", "og_others",
        "loc_ic_t2t_mou", "loc_ic_t2m_mou", "loc_ic_t2f_mou", "loc_ic_mou",
        "std_ic_t2t_mou", "std_ic_t2m_mou", "std_ic_t2f_mou", "std_ic_t2o_mou", "std_ic_mou",
        "spl_ic_mou", "isd_ic_mou", "ic_others",
    ];

    public static IReadOnlyList<string> CallMinuteTotals { get; } = ["total_og_mou", "total_ic_mou"];

    /// <summary>Base names of the 10 data-recharge columns of a month, in file order.</summary>
    public static IReadOnlyList<string> DataRechargeBlock { get; } =
    [
        "date_of_last_rech_data", "total_rech_data", "max_rech_data", "count_rech_2g", "count_rech_3g",
        "av_rech_amt_data", "arpu_3g", "arpu_2g", "night_pck_user", "fb_user",
    ];

    public static IReadOnlyList<string> RechargeColumns { get; } = ["total_rech_num", "total_rech_amt", "max_rech_amt", "last_day_rch_amt"];

    public static IReadOnlyList<string> DataVolumeColumns { get; } = ["vol_2g_mb", "vol_3g_mb"];

    public static IReadOnlyList<string> PackColumns { get; } = ["monthly_2g", "sachet_2g", "monthly_3g", "sachet_3g"];

    public static IReadOnlyList<string> NoMonthConstantColumns { get; } = ["loc_og_t2o_mou", "std_og_t2o_mou", "loc_ic_t2o_mou"];

    private static readonly Dictionary<string, TelecomColumnGroup> GroupsByBase = BuildGroups();

    private static Dictionary<string, TelecomColumnGroup> BuildGroups()
    {
        var map = new Dictionary<string, TelecomColumnGroup>(StringComparer.Ordinal)
        {
            ["mobile_number"] = TelecomColumnGroup.Id,
            ["circle_id"] = TelecomColumnGroup.Id,
            ["last_date_of_month"] = TelecomColumnGroup.MonthEndDate,
            ["arpu"] = TelecomColumnGroup.Arpu,
            ["date_of_last_rech"] = TelecomColumnGroup.RechargeDate,
            ["aon"] = TelecomColumnGroup.Aon,
            ["vbc_3g"] = TelecomColumnGroup.Vbc,
        };
        foreach (var n in NoMonthConstantColumns) map[n] = TelecomColumnGroup.NoMonthConstant;
        foreach (var n in CallMinuteComponents) map[n] = TelecomColumnGroup.CallMinuteComponent;
        foreach (var n in CallMinuteTotals) map[n] = TelecomColumnGroup.CallMinuteTotal;
        foreach (var n in RechargeColumns) map[n] = TelecomColumnGroup.Recharge;
        foreach (var n in DataRechargeBlock) map[n] = TelecomColumnGroup.DataRecharge;
        foreach (var n in DataVolumeColumns) map[n] = TelecomColumnGroup.DataVolume;
        foreach (var n in PackColumns) map[n] = TelecomColumnGroup.Packs;
        return map;
    }

    /// <summary>The month (6..9) of a column: its "_6".."_9" suffix, or jun/jul/aug/sep for *_vbc_3g; null when it has none.</summary>
    public static int? MonthOf(string column)
    {
        ArgumentNullException.ThrowIfNull(column);
        var vbc = VbcMonth(column);
        if (vbc is not null) return vbc;
        if (column.Length >= 3 && column[^2] == '_' && column[^1] is >= '6' and <= '9')
            return column[^1] - '0';
        return null;
    }

    /// <summary>The name without its month: "arpu_6" → "arpu", "jun_vbc_3g" → "vbc_3g", "aon" → "aon".</summary>
    public static string BaseName(string column)
    {
        ArgumentNullException.ThrowIfNull(column);
        if (VbcMonth(column) is not null) return "vbc_3g";
        return MonthOf(column) is null ? column : column[..^2];
    }

    /// <summary>The column of <paramref name="baseName"/> for a month: ("arpu", 8) → "arpu_8", ("vbc_3g", 9) → "sep_vbc_3g".</summary>
    public static string ColumnFor(string baseName, int month)
    {
        ArgumentNullException.ThrowIfNull(baseName);
        if (month is < 6 or > 9)
            throw new ArgumentOutOfRangeException(nameof(month), month, "month=" + month.ToString(CultureInfo.InvariantCulture) + " must be 6, 7, 8 or 9.");
        return baseName == "vbc_3g"
            ? VbcPrefixes[month - 6] + "_vbc_3g"
            : baseName + "_" + month.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The group of a column of this file; <see cref="TelecomColumnGroup.Unknown"/> for any other name.</summary>
    public static TelecomColumnGroup GroupOf(string column)
    {
        var baseName = BaseName(column);
        if (!GroupsByBase.TryGetValue(baseName, out var group)) return TelecomColumnGroup.Unknown;
        // Month-less groups must not carry a month and monthly groups must carry one ("arpu" alone is unknown).
        var monthly = group is not (TelecomColumnGroup.Id or TelecomColumnGroup.NoMonthConstant or TelecomColumnGroup.Aon);
        return monthly == (MonthOf(column) is not null) ? group : TelecomColumnGroup.Unknown;
    }

    /// <summary>True for the date columns (last_date_of_month_*, date_of_last_rech_*, date_of_last_rech_data_*).</summary>
    public static bool IsDateColumn(string column) =>
        BaseName(column) is "last_date_of_month" or "date_of_last_rech" or "date_of_last_rech_data" && MonthOf(column) is not null;

    /// <summary>Every column of a month present in <paramref name="columns"/> (suffix or vbc prefix).</summary>
    public static IEnumerable<string> ColumnsOfMonth(IEnumerable<string> columns, int month) =>
        columns.Where(c => MonthOf(c) == month);

    /// <summary>Parses an m/d/yyyy date culture-invariantly ("6/30/2014"); null for blank; throws <see cref="FormatException"/> naming the text otherwise.</summary>
    public static DateOnly? ParseDate(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (DateOnly.TryParseExact(text.Trim(), "M/d/yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return date;
        throw new FormatException("'" + text + "' is not a date in m/d/yyyy format.");
    }

    private static int? VbcMonth(string column)
    {
        if (!column.EndsWith("_vbc_3g", StringComparison.Ordinal) || column.Length != 10) return null;
        var index = Array.IndexOf(VbcPrefixes, column[..3]);
        return index < 0 ? null : 6 + index;
    }
}
