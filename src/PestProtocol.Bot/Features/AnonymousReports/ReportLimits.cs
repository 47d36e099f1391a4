namespace PestProtocol.Bot.Features.AnonymousReports;

/// <summary>Maximum lengths and counts of the anonymous-report module.</summary>
public static class ReportLimits
{
    /// <summary>What happened.</summary>
    public const int WhatHappened = 2000;

    /// <summary>Who does it / who it happens to.</summary>
    public const int Names = 300;

    /// <summary>A message in the thread (student or school).</summary>
    public const int Message = 2000;

    /// <summary>A closing reason.</summary>
    public const int CloseReason = 500;

    /// <summary>Reports one sender may send per day.</summary>
    public const int ReportsPerSenderPerDay = 3;

    /// <summary>Wrong passphrases per code per clock hour before the code is locked.</summary>
    public const int FailuresPerHour = 5;
}
