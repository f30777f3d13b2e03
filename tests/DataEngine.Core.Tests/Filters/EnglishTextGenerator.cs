using System.Text;

namespace DataEngine.Core.Tests.Filters;

/// <summary>Seeded, English-like documents: Zipf-weighted common words in sentences, paragraphs one per line.</summary>
internal static class EnglishTextGenerator
{
    private static readonly string[] Vocabulary = """
        the of and to a in is it that for was on with he as you be at by this had not are but from or have an they which
        one were her all she there would their we him been has when who will more no if out so said what up its about into
        than them can only other new some could time these two may then do first any my now such like our over man me even
        most made after also did many before must through back years where much your way well down should because each just
        those people how too little state good very make world still own see men work long get here between both life being
        under never day same another know while last might us great old year off come since against go came right used take
        three states himself few house use during without again place american around however home small found thought went
        say part once general high upon school every does got united left number course war until always away something fact
        though water less public put think almost hand enough far took head yet government system better set told nothing
        night end why called didn't eyes find going look asked later knew point next program city business give group toward
        young days let room president side social given present several order national possible rather second face per among
        form important often things looked early white case john become large big need four within felt along children saw
        best church ever least power development light thing seemed family interest want members mind country area others done
        turned although open god service problem certain kind different thus began door help sense means whole matter perhaps
        itself york times law human line above name example action company hands local show whether five history gave today
        either act feet across taken past quite anything seen having death experience body word half really week field car
        words already information tell together college shall money period held keep sure free real seems behind cannot miss
        political air question making office brought whose special heard major problems ago became federal moment study available
        known result street economic boy position reason change south board individual job areas society west close turn love
        community true court force full seem am wife future age voice center woman control common policy necessary following
        front sometimes six girl clear further land run students provide feel party able mother music education university child
        effect level stood military town short morning total outside rate figure class art century washington north usually
        plan leave therefore evidence million sound black strong hard various says believe type value play surface soon mean
        near lines table peace modern tax road red book personal process situation minutes increase idea english alone women
        gone nor amount doing age harbour river lighthouse keeper island season weather coast market village garden kitchen
        """.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Documents of about 2-6 KB until <paramref name="totalChars"/> characters are made.</summary>
    public static List<string> Documents(long totalChars, int seed = 42)
    {
        var random = new Random(seed);

        // Zipf weights (s = 1) over the list order, which runs roughly from most to least common.
        var cumulative = new double[Vocabulary.Length];
        var sum = 0.0;
        for (var i = 0; i < Vocabulary.Length; i++)
        {
            sum += 1.0 / (i + 2);
            cumulative[i] = sum;
        }

        var docs = new List<string>();
        var made = 0L;
        var builder = new StringBuilder();
        while (made < totalChars)
        {
            builder.Clear();
            var paragraphs = random.Next(3, 9);
            for (var p = 0; p < paragraphs; p++)
            {
                if (p > 0)
                {
                    builder.Append("\n\n");
                }

                var sentences = random.Next(2, 7);
                for (var s = 0; s < sentences; s++)
                {
                    if (s > 0)
                    {
                        builder.Append(' ');
                    }

                    AppendSentence(builder, random, cumulative, sum);
                }
            }

            docs.Add(builder.ToString());
            made += builder.Length;
        }

        return docs;
    }

    private static void AppendSentence(StringBuilder builder, Random random, double[] cumulative, double sum)
    {
        var words = random.Next(6, 23);
        for (var w = 0; w < words; w++)
        {
            if (w > 0)
            {
                builder.Append(random.Next(12) == 0 ? ", " : " ");
            }

            var index = Array.BinarySearch(cumulative, random.NextDouble() * sum);
            var word = Vocabulary[index < 0 ? Math.Min(~index, Vocabulary.Length - 1) : index];
            if (w == 0)
            {
                builder.Append(char.ToUpperInvariant(word[0])).Append(word, 1, word.Length - 1);
            }
            else
            {
                builder.Append(word);
            }
        }

        builder.Append(random.Next(10) switch { 0 => '?', 1 => '!', _ => '.' });
    }
}
