using System.Globalization;
using DataEngine.Core.Pipeline;

namespace DataEngine.Core.Annotations;

/// <summary>
/// What one task may still spend on the expensive tiers in one run (or one batch of it, see <see cref="BudgetPlanner"/>):
/// foundation items and money, human items. The cascade reserves before it asks, so a batch never overspends.
/// </summary>
/// <remarks>
/// Not thread-safe, on purpose: a batch decides alone, in a fixed order, so the same input spends the same budget on the
/// same items. Money is reserved at <see cref="EstimatedFoundationCost"/> per item, because a batch routes all its items
/// before the foundation model is called; <see cref="RecordFoundationCost"/> later swaps the estimate for the real cost.
/// With a money cap but no estimate, the cap only stops reservations once recorded costs reach it.
/// </remarks>
public sealed class CascadeBudget
{
    readonly decimal? _maxFoundationCost;
    int _pendingFoundationItems;

    /// <param name="limits">The caps: item counts, and money (0 = no money cap, as in the pipeline config).</param>
    /// <param name="estimatedFoundationCost">Expected cost of one foundation item, reserved against the money cap.</param>
    public CascadeBudget(BudgetConfig limits, decimal estimatedFoundationCost = 0m)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentOutOfRangeException.ThrowIfNegative(limits.MaxFoundationItems);
        ArgumentOutOfRangeException.ThrowIfNegative(limits.MaxHumanItems);
        ArgumentOutOfRangeException.ThrowIfNegative(limits.MaxFoundationCost);
        ArgumentOutOfRangeException.ThrowIfNegative(estimatedFoundationCost);
        Limits = limits;
        EstimatedFoundationCost = estimatedFoundationCost;
        _maxFoundationCost = limits.MaxFoundationCost > 0 ? (decimal)limits.MaxFoundationCost : null;
    }

    public BudgetConfig Limits { get; }

    public decimal EstimatedFoundationCost { get; }

    /// <summary>Foundation items reserved so far (asked or about to be).</summary>
    public int FoundationItemsUsed { get; private set; }

    /// <summary>Money committed to the foundation tier: recorded costs plus the estimates of reservations not yet recorded.</summary>
    public decimal FoundationCostUsed { get; private set; }

    /// <summary>Human items reserved so far.</summary>
    public int HumanItemsUsed { get; private set; }

    /// <summary>Whether one more foundation item fits under both caps.</summary>
    public bool CanReserveFoundation =>
        FoundationItemsUsed < Limits.MaxFoundationItems
        && (_maxFoundationCost is not { } max || (FoundationCostUsed < max && FoundationCostUsed + EstimatedFoundationCost <= max));

    /// <summary>Whether one more human item fits.</summary>
    public bool CanReserveHuman => HumanItemsUsed < Limits.MaxHumanItems;

    /// <summary>Reserves one foundation item at <see cref="EstimatedFoundationCost"/>; false (and nothing reserved) when it would not fit.</summary>
    public bool TryReserveFoundation()
    {
        if (!CanReserveFoundation)
        {
            return false;
        }

        FoundationItemsUsed++;
        FoundationCostUsed += EstimatedFoundationCost;
        _pendingFoundationItems++;
        return true;
    }

    /// <summary>Reserves one human item; false (and nothing reserved) when the human budget is spent.</summary>
    public bool TryReserveHuman()
    {
        if (!CanReserveHuman)
        {
            return false;
        }

        HumanItemsUsed++;
        return true;
    }

    /// <summary>
    /// Records what one foundation item really cost, replacing the estimate of one outstanding reservation. A cost with no
    /// reservation outstanding (a retry, a call made outside the cascade) is still money spent and is added as is.
    /// </summary>
    public void RecordFoundationCost(decimal actualCost)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(actualCost);
        if (_pendingFoundationItems > 0)
        {
            _pendingFoundationItems--;
            FoundationCostUsed -= EstimatedFoundationCost;
        }

        FoundationCostUsed += actualCost;
    }

    /// <summary>"12/1000", or "12/1000 items, cost 0.36/5.00" with a money cap: the foundation budget as reasons quote it.</summary>
    public string DescribeFoundation() => _maxFoundationCost is { } max
        ? string.Create(CultureInfo.InvariantCulture, $"{FoundationItemsUsed}/{Limits.MaxFoundationItems} items, cost {FoundationCostUsed:0.00####}/{max:0.00####}")
        : string.Create(CultureInfo.InvariantCulture, $"{FoundationItemsUsed}/{Limits.MaxFoundationItems}");

    /// <summary>"3/100": the human budget as reasons quote it.</summary>
    public string DescribeHuman() => string.Create(CultureInfo.InvariantCulture, $"{HumanItemsUsed}/{Limits.MaxHumanItems}");

    public override string ToString() => $"foundation {DescribeFoundation()}, human {DescribeHuman()}";
}
