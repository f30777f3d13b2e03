using DataEngine.Core.Annotations;

namespace DataEngine.Models.Heads;

/// <summary>Maps a head's probabilities, in its label order, onto a task's label order.</summary>
public static class HeadLabels
{
    /// <summary>
    /// For each of <paramref name="taskLabels"/>, its index among <paramref name="headLabels"/>; null when the two are
    /// not the same set of labels (the task changed since the head was trained: its answers would mean something else).
    /// </summary>
    public static int[]? Map(IReadOnlyList<string> headLabels, IReadOnlyList<string> taskLabels)
    {
        if (headLabels.Count != taskLabels.Count)
        {
            return null;
        }

        var map = new int[taskLabels.Count];
        for (var i = 0; i < taskLabels.Count; i++)
        {
            map[i] = -1;
            for (var j = 0; j < headLabels.Count; j++)
            {
                if (string.Equals(headLabels[j], taskLabels[i], StringComparison.Ordinal))
                {
                    map[i] = j;
                }
            }

            if (map[i] < 0)
            {
                return null;
            }
        }

        return map;
    }

    /// <summary>One prediction per row of <paramref name="probabilities"/> (row-major, head order), in the task's label order.</summary>
    public static LabelPrediction[] Predictions(ReadOnlySpan<float> probabilities, int[] map, IReadOnlyList<string> taskLabels)
    {
        var classes = map.Length;
        var rows = probabilities.Length / classes;
        var predictions = new LabelPrediction[rows];
        for (var row = 0; row < rows; row++)
        {
            var p = new float[classes];
            for (var k = 0; k < classes; k++)
            {
                p[k] = probabilities[row * classes + map[k]];
            }

            predictions[row] = new LabelPrediction(taskLabels, p);
        }

        return predictions;
    }
}
