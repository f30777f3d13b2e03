namespace DataEngine.Core.Tests.Filters;

/// <summary>Texts shared by the filter tests, written for them.</summary>
internal static class SampleTexts
{
    /// <summary>Ordinary English prose: five paragraphs, one per line, blank lines between.</summary>
    public const string Lighthouses = """
        For most of recorded history, sailors approaching a rocky coast at night had little more than luck and local knowledge to guide them. The earliest lights were simple fires kept burning on hilltops, and the famous tower at Alexandria was admired for centuries because so few places could afford anything like it. Keeping a flame alive through wind and rain was hard work, and the keepers who did it were rarely thanked.

        The modern lighthouse owes a great deal to a French physicist named Augustin Fresnel. In the 1820s he designed a lens built from concentric rings of glass prisms, which gathered light that would otherwise have been lost and bent it into a single horizontal beam. A lamp that had once been visible for a few miles could now be seen from more than twenty, and the design spread quickly to coasts around the world.

        Life at a remote station was often lonely. Keepers trimmed wicks, polished brass, wound the clockwork that turned the lens, and recorded the weather in careful logbooks. Some stations were reached only by boat, and storms could cut them off for weeks at a time. Families raised children on islands with no other houses, and many keepers later said that the silence was the hardest part of the job.

        During the twentieth century electricity changed everything. Automatic lamps, radio beacons and eventually satellite navigation meant that fewer people were needed to keep ships safe. Most stations were automated by the end of the century, and the last keepers packed their belongings and left. Some towers were sold to private owners, while others became museums that welcome visitors every summer.

        Today the old lights still matter to the communities around them. Volunteers repaint the towers, historians collect the keepers' letters, and children climb the narrow stairs to look out over the water. A lighthouse is a reminder that people once worked through long nights so that strangers could reach the harbour safely, and that is a story worth telling again.
        """;
}
